using GeoGrid.Core.Analysis.Hotspots;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>The parameters several hot-spot analyses share, declared and read once.</summary>
public static class SharedParameters
{
    public static readonly AnalysisParameter BinSize = AnalysisParameter.Number("bin-size", "for points: distance between neighbouring bin centres in metres (default: twice the mean nearest-neighbour distance, at most 20,000 bins)");

    public static readonly AnalysisParameter BinShape = AnalysisParameter.Choice("bin-shape", "hexagon or square", "hexagon", "hexagon", "square");

    public static readonly AnalysisParameter Permutations = AnalysisParameter.Integer("permutations", "conditional permutations for pseudo p-values (0: normal approximation only)", "0", 0, 9999);

    public static readonly AnalysisParameter Seed = AnalysisParameter.Integer("seed", "random seed for permutations (R's set.seed: the same numbers as spdep::localG_perm with iseed)", "1", int.MinValue, int.MaxValue);

    public static readonly AnalysisParameter DistanceBand = AnalysisParameter.Number("distance-band", "neighbours within this many metres (default: the smallest band that gives every feature a neighbour)");

    public static BinShape BinShapeOf(ParameterValues values) => values.Choice(BinShape.Name) == "square" ? Hotspots.BinShape.Square : Hotspots.BinShape.Hexagon;

    /// <summary>Incidents binned, a bin size that would need too many bins refused by name.</summary>
    public static IReadOnlyList<Bin> Bins(IReadOnlyList<NetTopologySuite.Geometries.Coordinate> points, double size, BinShape shape, IReadOnlyList<int>? steps = null, int stepCount = 1)
    {
        try
        {
            return Binning.Aggregate(points, size, shape, steps, stepCount);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "size")
        {
            throw new AnalysisParameterException(BinSize.Name, e.Message.Split(" (Parameter")[0]);
        }
    }

    /// <summary>
    /// A distance band that would make each feature a neighbour of a large part of the others is refused:
    /// Gi* loses its meaning long before, and the weights would fill memory (n² links).
    /// </summary>
    public static void CheckBand(IReadOnlyList<NetTopologySuite.Geometries.Coordinate> xy, double band)
    {
        var extent = new NetTopologySuite.Geometries.Envelope();
        foreach (var p in xy)
        {
            extent.ExpandToInclude(p);
        }

        var expected = xy.Count * Math.PI * band * band / Math.Max(extent.Area, 1);
        if (expected > Math.Max(1_000, xy.Count / 2.0))
        {
            throw new AnalysisParameterException(DistanceBand.Name, $"{band:0.#} m would make each of the {xy.Count:N0} features a neighbour of about {Math.Min(expected, xy.Count):N0} others; choose a smaller band");
        }
    }

    public static GiStarOptions GiStarOptionsOf(ParameterValues values, bool falseDiscoveryRate) =>
        new(values.Integer(Permutations.Name)!.Value, values.Integer(Seed.Name)!.Value, falseDiscoveryRate);
}
