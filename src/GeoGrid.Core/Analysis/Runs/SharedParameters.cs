using GeoGrid.Core.Analysis.Hotspots;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>The parameters several hot-spot analyses share, declared and read once.</summary>
public static class SharedParameters
{
    public static readonly AnalysisParameter BinSize = new("bin-size", "for points: distance between neighbouring bin centres in metres (default: twice the mean nearest-neighbour distance, at most 20,000 bins)");

    public static readonly AnalysisParameter BinShape = new("bin-shape", "hexagon or square", "hexagon");

    public static readonly AnalysisParameter Permutations = new("permutations", "conditional permutations for pseudo p-values (0: normal approximation only)", "0");

    public static readonly AnalysisParameter Seed = new("seed", "random seed for permutations (R's set.seed: the same numbers as spdep::localG_perm with iseed)", "1");

    private static readonly Dictionary<string, BinShape> s_shapes = new() { ["hexagon"] = Hotspots.BinShape.Hexagon, ["square"] = Hotspots.BinShape.Square };

    public static BinShape BinShapeOf(ParameterValues values) => values.Choice(BinShape.Name, s_shapes);

    public static GiStarOptions GiStarOptionsOf(ParameterValues values, bool falseDiscoveryRate) =>
        new(values.Int(Permutations.Name, 0, 9999), values.Int(Seed.Name, int.MinValue, int.MaxValue), falseDiscoveryRate);
}
