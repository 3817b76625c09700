namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>
/// How to test Gi*: <see cref="Permutations"/> = 0 uses the normal approximation; otherwise each
/// feature's neighbour values are redrawn that many times from the other features (spdep's
/// conditional permutation) and classes use the folded pseudo p-value. <see cref="Seed"/> is R's
/// <c>set.seed</c>/<c>iseed</c>, so that <c>localG_perm</c> draws the same numbers.
/// <see cref="FalseDiscoveryRate"/> applies Benjamini–Hochberg before classifying.
/// </summary>
public sealed record GiStarOptions(int Permutations = 0, int Seed = 1, bool FalseDiscoveryRate = false);
