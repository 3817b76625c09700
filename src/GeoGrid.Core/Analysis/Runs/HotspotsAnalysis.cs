using GeoGrid.Core.Analysis.Hotspots;
using GeoGrid.Core.Import;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// Getis-Ord Gi* on polygons with a value (counts or, with a denominator, rates) or on incident
/// points aggregated into hexagonal or square bins.
/// </summary>
public sealed class HotspotsAnalysis : IAnalysis
{

    public string Name => "hotspots";

    public string Title => "热点分析 Getis-Ord Gi*";

    public bool ChecksWork => true;

    public string InputDescription => "polygons with a numeric value, or incident points (binned by bin-size)";

    public IReadOnlyList<AnalysisParameter> Parameters { get; } =
    [
        new("value", "numeric property to test; for points, summed per bin (default: count the points)"),
        new("denominator", "property to divide the value by, for rates such as reports per household; features where it is 0 are left out"),
        SharedParameters.BinSize,
        SharedParameters.BinShape,
        AnalysisParameter.Choice("weights", "band (fixed distance), knn or contiguity (polygons sharing a boundary point)", "band", "band", "knn", "contiguity"),
        SharedParameters.DistanceBand,
        AnalysisParameter.Integer("k", "for weights=knn: number of nearest neighbours", "8", 1, 1_000),
        SharedParameters.Permutations,
        SharedParameters.Seed,
        AnalysisParameter.Boolean("fdr", "correct p-values for multiple testing (Benjamini–Hochberg false discovery rate)"),
        MetricCoordinates.Parameter,
    ];

    public AnalysisOutput Run(AnalysisInput input, ParameterValues values, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var crs = MetricCoordinates.Of(values);
        var features = input.Features.Where(f => f.Geometry is { IsEmpty: false }).ToList();
        if (features.Count == 0)
        {
            throw new AnalysisParameterException("input", "there are no features with a geometry in the input");
        }

        var options = SharedParameters.GiStarOptionsOf(values, values.Bool("fdr"));
        var weighting = values.Choice("weights");
        progress?.Report(new AnalysisProgress(0.1, "preparing features"));

        List<(Geometry LonLat, string Label, double Value)> units;
        List<FeatureRecord>? sources = null;
        Geometry[]? polygons = null;
        Coordinate[] xy;
        double? binSize = null;
        var left = 0;
        if (features.All(f => f.Geometry is Point))
        {
            var points = MetricCoordinates.Points(features, crs);
            binSize = values.Number("bin-size") ?? OptimizedHotspots.DefaultBinSize(points);
            var field = values.Text("value");
            var bins = SharedParameters.Bins(points, binSize.Value, SharedParameters.BinShapeOf(values));
            var sums = field is null ? null : SumPerBin(features, points, bins, field, binSize.Value, SharedParameters.BinShapeOf(values));
            units = bins.Select((b, i) => (MetricCoordinates.ToLonLat(b.Polygon, crs), b.Key, sums?[i] ?? b.Count)).ToList();
            xy = bins.Select(b => b.Centre).ToArray();
            polygons = bins.Select(b => (Geometry)b.Polygon).ToArray();
        }
        else
        {
            var field = values.Text("value") ?? throw new AnalysisParameterException("value", "is required for polygons: name the property to test");
            var denominator = values.Text("denominator");
            var kept = new List<FeatureRecord>();
            units = [];
            foreach (var f in features)
            {
                var v = FeatureValues.Number(f, field, "value");
                if (denominator is not null)
                {
                    var d = FeatureValues.Number(f, denominator, "denominator");
                    if (d == 0)
                    {
                        left++;
                        continue;
                    }

                    v /= d;
                }

                kept.Add(f);
                units.Add((f.Geometry!, FeatureValues.Label(f), v));
                sources = kept;
            }

            xy = MetricCoordinates.Points(kept, crs);
            polygons = kept.Select(f => f.Geometry!).ToArray();
        }

        if (units.Count < 3)
        {
            throw new AnalysisParameterException(binSize is null ? "input" : "bin-size", $"only {units.Count} features to test; Gi* needs at least three");
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new AnalysisProgress(0.3, "building spatial weights"));
        var band = weighting == "band" ? values.Number("distance-band") ?? SpatialWeights.SmallestBand(xy) : (double?)null;
        if (band is { } b)
        {
            SharedParameters.CheckBand(xy, b);
        }

        // Each link is visited once for Gi* and once per permutation.
        var links = weighting switch { "band" => WorkBudget.PairsWithin(xy, band!.Value), "knn" => (double)xy.Length * values.Integer("k")!.Value, _ => xy.Length * 8.0 };
        input.Limits.Check(options.Permutations > 0 ? SharedParameters.Permutations.Name : weighting == "knn" ? "k" : "distance-band", links * (1 + options.Permutations),
            $"Gi* over {units.Count:N0} features with {links:0.#e0} neighbour links and {options.Permutations} permutations");
        var weights = weighting switch
        {
            "band" => SpatialWeights.DistanceBand(xy, band!.Value),
            "knn" => SpatialWeights.KNearest(xy, values.Integer("k")!.Value < units.Count ? values.Integer("k")!.Value : throw new AnalysisParameterException("k", $"must be less than the {units.Count} features")),
            _ => SpatialWeights.Contiguity(polygons!),
        };

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new AnalysisProgress(0.5, "computing Gi*"));
        var gi = GetisOrd.GiStar(units.Select(u => u.Value).ToList(), weights, options, cancellationToken);

        progress?.Report(new AnalysisProgress(0.9, "writing results"));
        // Polygons keep their own attributes (code, name, households…) beside the figures; bins have none.
        var output = units.Select((u, i) => new FeatureRecord(i + 1, u.LonLat, WithInput(sources?[i], HotspotProperties(u.Label, u.Value, weights.Neighbours[i].Length, gi, i)))).ToList();
        var summary = new Dictionary<string, object?>
        {
            ["features"] = units.Count,
            ["left_out_zero_denominator"] = left,
            ["weights"] = weights.Description,
            ["distance_band_m"] = band,
            ["bin_size_m"] = binSize,
            ["mean_neighbours"] = Math.Round(weights.MeanNeighbourCount, 3),
            ["without_neighbours"] = weights.Neighbours.Count(n => n.Length == 0),
            ["hot"] = gi.Bin.Count(b => b > 0),
            ["cold"] = gi.Bin.Count(b => b < 0),
        };
        return new AnalysisOutput("hotspots", output, summary);
    }

    /// <summary>The Gi* figures of feature i as result properties, the same for every hot-spot analysis.</summary>
    /// <summary>The input feature's properties first (integral numbers without a fraction), then the analysis's figures.</summary>
    private static Dictionary<string, object?> WithInput(FeatureRecord? input, Dictionary<string, object?> figures)
    {
        if (input is null)
        {
            return figures;
        }

        var all = input.Properties.ToDictionary(p => p.Key, p => p.Value is decimal ? (object?)FeatureValues.Plain(p.Value) : p.Value);
        foreach (var (key, value) in figures)
        {
            all[key] = value;
        }

        return all;
    }

    public static Dictionary<string, object?> HotspotProperties(string label, double value, int neighbours, GiStarResult gi, int i)
    {
        var p = new Dictionary<string, object?>
        {
            ["unit"] = label,
            ["value"] = value,
            ["neighbours"] = neighbours,
            ["gi"] = gi.G[i],
            ["gi_z"] = gi.Z[i],
            ["gi_p"] = gi.P[i],
        };
        if (gi.PseudoP is not null)
        {
            p["gi_z_sim"] = gi.SimulatedZ![i];
            p["gi_p_sim"] = gi.PseudoP[i];
        }

        p["gi_p_used"] = gi.PAdjusted[i];
        p["gi_bin"] = gi.Bin[i];
        p["class"] = HotspotBins.Key(gi.Bin[i]);
        p["class_zh"] = HotspotBins.Label(gi.Bin[i]);
        return p;
    }

    private static double[] SumPerBin(List<FeatureRecord> features, Coordinate[] points, IReadOnlyList<Bin> bins, string field, double size, BinShape shape)
    {
        var index = bins.Select((b, i) => (b.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var sums = new double[bins.Count];
        for (var k = 0; k < points.Length; k++)
        {
            sums[index[Binning.KeyOf(points[k], size, shape)]] += FeatureValues.Number(features[k], field, "value");
        }

        return sums;
    }
}
