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

    public static GiStarOptions GiStarOptionsOf(ParameterValues values, bool falseDiscoveryRate) =>
        new(values.Integer(Permutations.Name)!.Value, values.Integer(Seed.Name)!.Value, falseDiscoveryRate);
}
