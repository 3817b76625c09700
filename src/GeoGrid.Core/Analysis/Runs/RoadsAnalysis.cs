using GeoGrid.Core.Analysis.Roads;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// 路长制 coverage over road segments (properties <c>code</c>, <c>road_name</c>, <c>seq</c>,
/// <c>district_code</c>, <c>street_code</c>, <c>chief</c>) and, as the second layer, 门前四包 units
/// (<c>code</c>, <c>name</c>, <c>segment</c>).
/// </summary>
public sealed class RoadsAnalysis : IAnalysis
{
    public string Name => "roads";

    public AnalysisInputKind InputKind => AnalysisInputKind.RoadsWithDutyUnits;

    public string Title => "路长制覆盖检查";

    public string InputDescription => "road segments (lines); duty units (points) as the second input";

    public string? SecondInput => "units";

    public IReadOnlyList<AnalysisParameter> Parameters { get; } =
    [
        AnalysisParameter.Number("max-unit-distance", "门前四包 units farther than this many metres from their segment are reported", "100"),
        AnalysisParameter.Number("tolerance", "consecutive segments further apart than this many metres leave a gap; shared length above twice it is an overlap", "1", positive: false),
    ];

    public AnalysisOutput Run(AnalysisInput input, ParameterValues values, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var maxDistance = values.Number("max-unit-distance")!.Value;
        var tolerance = values.Number("tolerance")!.Value;
        var segments = input.Features.Where(f => f.Geometry is not null).Select(f => new RoadSegmentInput(
            FeatureValues.Label(f),
            FeatureValues.Text(f, "road_name") ?? "",
            (int)FeatureValues.Number(f, "seq", "input"),
            FeatureValues.Text(f, "district_code"),
            FeatureValues.Text(f, "street_code"),
            FeatureValues.Text(f, "chief"),
            f.Geometry as LineString ?? throw new AnalysisParameterException("input", $"feature {f.Number} is not a line"))).ToList();
        if (segments.Count == 0)
        {
            throw new AnalysisParameterException("input", "there are no road segments in the input");
        }

        var units = (input.Second ?? []).Where(f => f.Geometry is Point).Select(f => new DutyUnitInput(
            FeatureValues.Label(f), FeatureValues.Text(f, "name") ?? "", FeatureValues.Text(f, "segment") ?? "", (Point)f.Geometry!)).ToList();
        progress?.Report(new AnalysisProgress(0.2, "checking segments"));
        var report = RoadCoverage.Check(segments, units, maxDistance, tolerance);

        var features = report.Problems.Select((p, i) => new FeatureRecord(i + 1, p.Geometry, new Dictionary<string, object?>
        {
            ["kind"] = DomainLabels.Key(p.Kind.ToString()),
            ["metres"] = double.IsInfinity(p.Metres) ? null : Math.Round(p.Metres, 2),
            ["road_name"] = p.Road,
            ["involved"] = string.Join(",", p.Involved),
        })).ToList();
        var summary = new Dictionary<string, object?>
        {
            ["segments"] = segments.Count,
            ["duty_units"] = units.Count,
            ["problems"] = features.GroupBy(f => (string)f.Properties["kind"]!).ToDictionary(g => g.Key, g => (object?)g.Count()),
            ["shares"] = report.Shares.Select(s => new Dictionary<string, object?>
            {
                ["level"] = s.Level,
                ["code"] = s.Code,
                ["length_m"] = Math.Round(s.LengthMetres, 1),
                ["under_chief_m"] = Math.Round(s.UnderChiefMetres, 1),
                ["share"] = Math.Round(s.Share, 6),
                ["segments"] = s.Segments,
                ["without_chief"] = s.WithoutChief,
            }).ToList(),
        };
        return new AnalysisOutput("road_coverage_problems", features, summary);
    }
}
