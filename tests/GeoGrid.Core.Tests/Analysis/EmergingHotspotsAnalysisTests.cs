using System.Globalization;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Core.Import;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Tests.Analysis;

/// <summary>Emerging hot spots compare whole months: the month not yet over is left out, and says so.</summary>
public sealed class EmergingHotspotsAnalysisTests
{
    private static readonly GeometryFactory s_factory = new();

    [Fact]
    public void Incidents_of_the_unfinished_month_are_left_out_so_two_new_reports_make_no_new_hot_spot()
    {
        var random = new Random(7);
        var features = new List<FeatureRecord>();
        // A year of incidents spread over 高村乡's area, then two on the first morning of the current month
        // in a corner where nothing happened before.
        for (var m = 0; m < 12; m++)
        {
            for (var k = 0; k < 40; k++)
            {
                features.Add(Incident(features.Count + 1, 113.15 + (random.NextDouble() * 0.08), 34.82 + (random.NextDouble() * 0.06), new DateTimeOffset(2025, 11, 1, 8, 0, 0, TimeSpan.FromHours(8)).AddMonths(m).AddDays(random.Next(27))));
            }
        }

        var current = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(8));
        features.Add(Incident(features.Count + 1, 113.235, 34.885, current));
        features.Add(Incident(features.Count + 1, 113.2351, 34.8851, current.AddMinutes(5)));

        var analysis = new EmergingHotspotsAnalysis();
        var output = analysis.Run(new AnalysisInput(features), Values(analysis, "2026-11-27"));
        Assert.Equal(2, output.Summary["left_out_incidents"]);
        Assert.Equal("2026-11", output.Summary["left_out_unfinished_month"]);
        Assert.Equal("2026-10", output.Summary["last_month"]);
        Assert.Equal(features.Count - 2, output.Features.Sum(f => Convert.ToInt32(f.Properties["count"], CultureInfo.InvariantCulture)));

        // Once November is over, it counts like any other month.
        var later = analysis.Run(new AnalysisInput(features), Values(analysis, "2026-12-01"));
        Assert.Equal(0, later.Summary["left_out_incidents"]);
        Assert.Equal("2026-11", later.Summary["last_month"]);
    }

    [Fact]
    public void An_until_that_is_not_a_date_is_refused_by_name()
    {
        var analysis = new EmergingHotspotsAnalysis();
        var e = Assert.Throws<AnalysisParameterException>(() => analysis.Run(new AnalysisInput([Incident(1, 113.2, 34.85, DateTimeOffset.UtcNow), Incident(2, 113.21, 34.85, DateTimeOffset.UtcNow)]), Values(analysis, "soon")));
        Assert.Equal("until", e.Parameter);
    }

    private static ParameterValues Values(IAnalysis analysis, string until) =>
        new(new Dictionary<string, string?> { ["until"] = until, ["bin-size"] = "1000" }, analysis.Parameters);

    private static FeatureRecord Incident(int n, double lon, double lat, DateTimeOffset at) =>
        new(n, s_factory.CreatePoint(new Coordinate(lon, lat)), new Dictionary<string, object?> { ["created_at"] = at.ToString("O", CultureInfo.InvariantCulture) });
}
