using GeoGrid.Core.Analysis.Hotspots;
using GeoGrid.Core.Import;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>Hot spots of incidents with bin size and distance band chosen from the data (see <see cref="OptimizedHotspots"/>).</summary>
public sealed class OptimizedHotspotsAnalysis : IAnalysis
{
    public string Name => "optimized-hotspots";

    public string Title => "优化热点分析（自动选择格元与距离）";

    public bool ChecksWork => true;

    public string InputDescription => "incident points";

    public IReadOnlyList<AnalysisParameter> Parameters { get; } =
    [
        SharedParameters.BinSize,
        SharedParameters.BinShape,
        SharedParameters.Permutations,
        SharedParameters.Seed,
        MetricCoordinates.Parameter,
    ];

    public AnalysisOutput Run(AnalysisInput input, ParameterValues values, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var crs = MetricCoordinates.Of(values);
        var points = MetricCoordinates.Points(PointInput.Require(input, 2), crs);
        var shape = SharedParameters.BinShapeOf(values);
        var options = SharedParameters.GiStarOptionsOf(values, falseDiscoveryRate: true);
        // At most 20,000 bins with a few dozen neighbours each, visited once more per permutation.
        input.Limits.Check(SharedParameters.Permutations.Name, Math.Min(points.Length, 20_000) * 30.0 * (1 + options.Permutations),
            $"optimized hot spots of {points.Length:N0} incidents with {options.Permutations} permutations");
        progress?.Report(new AnalysisProgress(0.2, "binning and incremental spatial autocorrelation"));
        OptimizedHotspots.Result result;
        try
        {
            result = OptimizedHotspots.Run(points, values.Number("bin-size"), shape, options);
        }
        catch (ArgumentException e) when (e.ParamName is "binSize" or "size")
        {
            throw new AnalysisParameterException("bin-size", e.Message.Split(" (Parameter")[0]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new AnalysisProgress(0.9, "writing results"));
        var features = result.Bins.Select((b, i) => new FeatureRecord(i + 1, MetricCoordinates.ToLonLat(b.Polygon, crs),
            HotspotsAnalysis.HotspotProperties(b.Key, b.Count, result.Weights.Neighbours[i].Length, result.GiStar, i))).ToList();
        var summary = new Dictionary<string, object?>
        {
            ["incidents"] = points.Length,
            ["bins"] = result.Bins.Count,
            ["bin_size_m"] = result.BinSize,
            ["distance_band_m"] = result.Autocorrelation.PeakDistance,
            ["distance_band_from"] = result.Autocorrelation.IsFirstPeak ? "first peak of Moran's I z" : "highest Moran's I z (no peak)",
            ["autocorrelation"] = result.Autocorrelation.Steps.Select(s => new Dictionary<string, object?> { ["distance_m"] = s.Distance, ["moran_i"] = s.Moran.I, ["z"] = s.Moran.Z, ["p"] = s.Moran.P }).ToList(),
            ["hot"] = result.GiStar.Bin.Count(b => b > 0),
            ["cold"] = result.GiStar.Bin.Count(b => b < 0),
        };
        return new AnalysisOutput("optimized_hotspots", features, summary);
    }
}
