namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>
/// Gi* per feature, in spdep's terms: G, E(G), V(G) and Z(G) (analytic), the two-sided normal p-value,
/// and with permutations E(G) and V(G) from the simulation, its z, and the folded pseudo p-value
/// <c>(min(#≥G, nsim − #≥G) + 1) / (nsim + 1)</c>. <see cref="PAdjusted"/> is the p-value the class
/// was decided on (pseudo p with permutations), after Benjamini–Hochberg when asked for.
/// </summary>
public sealed record GiStarResult(
    double[] G,
    double[] ExpectedG,
    double[] VarianceG,
    double[] Z,
    double[] P,
    double[]? SimulatedExpectedG,
    double[]? SimulatedVarianceG,
    double[]? SimulatedZ,
    double[]? PseudoP,
    double[] PAdjusted,
    int[] Bin);
