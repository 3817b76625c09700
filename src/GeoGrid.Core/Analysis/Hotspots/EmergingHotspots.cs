using GeoGrid.Core.Analysis.Statistics;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>
/// Emerging hot spots over a space-time cube: incidents binned in space and by time step (months), Gi*
/// per step over the same spatial weights, a Mann–Kendall trend on each bin's Gi* z-scores, and the
/// category from the pattern of significant steps (ArcGIS's definitions; "most of the time" is ≥ 90 %
/// of the steps). Neighbours are spatial only: each step is tested on its own, with the false discovery
/// rate correction (without it one step in ten of a quiet bin would be "hot" at 90 % by chance).
/// </summary>
public static class EmergingHotspots
{
    public sealed record BinTrend(Bin Bin, EmergingCategory Category, int[] BinByStep, double[] ZByStep, MannKendall.Result Trend);

    public sealed record Result(double BinSize, double DistanceBand, int Steps, IReadOnlyList<BinTrend> Bins);

    /// <summary>Runs over <paramref name="bins"/> already counted per step (<see cref="Binning.Aggregate"/> with steps).</summary>
    public static Result Run(IReadOnlyList<Bin> bins, int steps, double binSize, double? distanceBand = null, double trendAlpha = 0.05)
    {
        if (steps < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "emerging hot spots need at least two time steps");
        }

        var centres = bins.Select(b => b.Centre).ToList();
        var band = distanceBand ?? SpatialWeights.SmallestBand(centres);
        var weights = SpatialWeights.DistanceBand(centres, band);
        var z = new double[bins.Count, steps];
        var bin = new int[bins.Count, steps];
        for (var t = 0; t < steps; t++)
        {
            var counts = bins.Select(b => (double)b.CountByStep[t]).ToList();
            var gi = GetisOrd.GiStar(counts, weights, new GiStarOptions(FalseDiscoveryRate: true));
            for (var i = 0; i < bins.Count; i++)
            {
                z[i, t] = gi.Z[i];
                bin[i, t] = gi.Bin[i];
            }
        }

        var result = new List<BinTrend>(bins.Count);
        for (var i = 0; i < bins.Count; i++)
        {
            var zs = Enumerable.Range(0, steps).Select(t => z[i, t]).ToArray();
            var classes = Enumerable.Range(0, steps).Select(t => bin[i, t]).ToArray();
            var trend = MannKendall.Test(zs.Select(v => double.IsNaN(v) ? 0 : v).ToList());
            result.Add(new BinTrend(bins[i], Categorise(classes, trend, trendAlpha), classes, zs, trend));
        }

        return new Result(binSize, band, steps, result);
    }

    /// <summary>The category of a series of Gi* bins (+ hot, − cold, 0 not significant), oldest first.</summary>
    public static EmergingCategory Categorise(IReadOnlyList<int> bins, MannKendall.Result trend, double alpha = 0.05)
    {
        var hot = Categorise(bins.Select(b => b > 0).ToArray(), bins.Select(b => b < 0).ToArray(), trend.P <= alpha ? Math.Sign(trend.S) : 0);
        if (hot is not null)
        {
            return hot.Value;
        }

        var cold = Categorise(bins.Select(b => b < 0).ToArray(), bins.Select(b => b > 0).ToArray(), trend.P <= alpha ? -Math.Sign(trend.S) : 0);
        return cold is null ? EmergingCategory.NoPattern : (EmergingCategory)((int)cold.Value + (EmergingCategory.NewCold - EmergingCategory.NewHot));
    }

    // Written for hot spots; cold spots use it with the roles swapped and the trend's sign flipped.
    private static EmergingCategory? Categorise(bool[] hot, bool[] cold, int intensifying)
    {
        var n = hot.Length;
        var hotCount = hot.Count(h => h);
        var mostly = hotCount >= 0.9 * n;
        var final = hot[^1];
        if (!final)
        {
            return mostly ? EmergingCategory.HistoricalHot : null;
        }

        if (mostly)
        {
            return intensifying > 0 ? EmergingCategory.IntensifyingHot : intensifying < 0 ? EmergingCategory.DiminishingHot : EmergingCategory.PersistentHot;
        }

        if (hotCount == 1)
        {
            return EmergingCategory.NewHot;
        }

        var run = 0;
        while (run < n && hot[n - 1 - run])
        {
            run++;
        }

        if (run == hotCount && run >= 2)
        {
            return EmergingCategory.ConsecutiveHot;
        }

        return cold.Any(c => c) ? EmergingCategory.OscillatingHot : EmergingCategory.SporadicHot;
    }
}
