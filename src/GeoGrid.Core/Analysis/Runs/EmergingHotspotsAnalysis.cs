using System.Globalization;
using GeoGrid.Core.Analysis.Hotspots;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>Emerging hot spots: monthly bins of incidents, Gi* per month, Mann–Kendall per bin, categories.</summary>
public sealed class EmergingHotspotsAnalysis : IAnalysis
{
    public string Name => "emerging-hotspots";

    public string Title => "时空热点趋势（新增、持续、加剧、减弱…）";

    public string InputDescription => "incident points with a date/time property";

    public IReadOnlyList<AnalysisParameter> Parameters { get; } =
    [
        new("time", "property holding each incident's date and time (ISO 8601)", "created_at"),
        new("until", "the analysis's end: incidents in its month and later are left out, because that month is not over (default: now; a date gives the months before it)"),
        SharedParameters.BinSize,
        SharedParameters.BinShape,
        SharedParameters.DistanceBand,
        MetricCoordinates.Parameter,
    ];

    public AnalysisOutput Run(AnalysisInput input, ParameterValues values, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var crs = MetricCoordinates.Of(values);
        var features = PointInput.Require(input, 2);
        var field = values.Text("time")!;
        // A month that is not over yet would compare a few days with whole months: two reports on its
        // first morning would make a "new hot spot" of any bin. Only finished months are analysed.
        var until = values.Text("until") is { } u
            ? Values.Instants.TryParseInstant(u) ?? throw new AnalysisParameterException("until", $"'{u}' is not an RFC 3339 date or date-time")
            : DateTimeOffset.UtcNow;
        var current = MonthOf(until);
        var all = features;
        features = features.Where(f => Month(f, field) < current).ToList();
        var leftOut = all.Count - features.Count;
        if (features.Count < 2)
        {
            throw new AnalysisParameterException("until", $"no incidents before {new DateOnly(current / 12, (current % 12) + 1, 1):yyyy-MM}, the first month left out as not over");
        }

        var months = features.Select(f => Month(f, field)).ToArray();
        var first = months.Min();
        var steps = months.Max() - first + 1;
        if (steps < 2)
        {
            throw new AnalysisParameterException("time", "all incidents fall in one month; trends need at least two");
        }

        var points = MetricCoordinates.Points(features, crs);
        var size = values.Number("bin-size") ?? OptimizedHotspots.DefaultBinSize(points);
        var shape = SharedParameters.BinShapeOf(values);
        progress?.Report(new AnalysisProgress(0.2, $"Gi* for {steps} months"));
        var bins = SharedParameters.Bins(points, size, shape, months.Select(m => m - first).ToList(), steps);
        if (values.Number("distance-band") is { } band)
        {
            SharedParameters.CheckBand(bins.Select(b => b.Centre).ToList(), band);
        }

        var result = EmergingHotspots.Run(bins, steps, size, values.Number("distance-band"));
        cancellationToken.ThrowIfCancellationRequested();

        var startMonth = new DateOnly(first / 12, (first % 12) + 1, 1);
        var output = result.Bins.Select((b, i) => new FeatureRecord(i + 1, MetricCoordinates.ToLonLat(b.Bin.Polygon, crs), new Dictionary<string, object?>
        {
            ["unit"] = b.Bin.Key,
            ["count"] = b.Bin.Count,
            ["category"] = DomainLabels.Key(b.Category.ToString()),
            ["category_zh"] = CategoryZh(b.Category),
            ["trend_z"] = b.Trend.Z,
            ["trend_p"] = b.Trend.P,
            ["trend_tau"] = b.Trend.Tau,
            ["hot_months"] = b.BinByStep.Count(x => x > 0),
            ["cold_months"] = b.BinByStep.Count(x => x < 0),
            ["last_gi_z"] = b.ZByStep[^1],
            ["gi_bins"] = string.Join(",", b.BinByStep),
        })).ToList();
        var summary = new Dictionary<string, object?>
        {
            ["incidents"] = points.Length,
            ["bins"] = result.Bins.Count,
            ["months"] = steps,
            ["first_month"] = startMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ["last_month"] = startMonth.AddMonths(steps - 1).ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ["left_out_unfinished_month"] = new DateOnly(current / 12, (current % 12) + 1, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ["left_out_incidents"] = leftOut,
            ["bin_size_m"] = size,
            ["distance_band_m"] = result.DistanceBand,
            ["categories"] = result.Bins.GroupBy(b => DomainLabels.Key(b.Category.ToString())).ToDictionary(g => g.Key, g => (object?)g.Count()),
        };
        return new AnalysisOutput("emerging_hotspots", output, summary);
    }

    private static int Month(FeatureRecord f, string field)
    {
        var raw = f.Properties.GetValueOrDefault(field);
        DateTimeOffset at = raw switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(d, TimeSpan.Zero),
            _ when DateTimeOffset.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
            _ => throw new AnalysisParameterException("time", $"'{field}' of feature {f.Number} is not a date: '{raw}'"),
        };

        return MonthOf(at);
    }

    // Months in China Standard Time: a report at 23:30 on the 31st belongs to that month.
    private static int MonthOf(DateTimeOffset at)
    {
        var local = at.ToOffset(Values.Instants.ChinaStandardTime);
        return (local.Year * 12) + local.Month - 1;
    }

    private static string CategoryZh(EmergingCategory c) => c switch
    {
        EmergingCategory.NoPattern => "无模式",
        EmergingCategory.NewHot => "新增热点",
        EmergingCategory.ConsecutiveHot => "连续热点",
        EmergingCategory.IntensifyingHot => "加剧热点",
        EmergingCategory.PersistentHot => "持续热点",
        EmergingCategory.DiminishingHot => "减弱热点",
        EmergingCategory.SporadicHot => "零星热点",
        EmergingCategory.OscillatingHot => "振荡热点",
        EmergingCategory.HistoricalHot => "历史热点",
        EmergingCategory.NewCold => "新增冷点",
        EmergingCategory.ConsecutiveCold => "连续冷点",
        EmergingCategory.IntensifyingCold => "加剧冷点",
        EmergingCategory.PersistentCold => "持续冷点",
        EmergingCategory.DiminishingCold => "减弱冷点",
        EmergingCategory.SporadicCold => "零星冷点",
        EmergingCategory.OscillatingCold => "振荡冷点",
        _ => "历史冷点",
    };
}
