namespace GeoGrid.Core.Analysis.Statistics;

/// <summary>Benjamini–Hochberg adjusted p-values, as R's <c>p.adjust(p, "BH")</c> computes them.</summary>
public static class FalseDiscoveryRate
{
    public static double[] BenjaminiHochberg(IReadOnlyList<double> p)
    {
        var n = p.Count;
        var order = Enumerable.Range(0, n).OrderByDescending(i => p[i]).ToArray();
        var adjusted = new double[n];
        var running = 1.0;
        for (var r = 0; r < n; r++)
        {
            // r-th largest has rank n - r among the ascending p-values.
            var i = order[r];
            running = Math.Min(running, p[i] * n / (n - r));
            adjusted[i] = Math.Min(1.0, running);
        }

        return adjusted;
    }
}
