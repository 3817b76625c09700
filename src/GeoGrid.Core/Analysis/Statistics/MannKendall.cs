namespace GeoGrid.Core.Analysis.Statistics;

/// <summary>
/// The Mann–Kendall trend test on a time series: S, its variance with the correction for ties, the
/// continuity-corrected z and its two-sided p-value (Kendall 1975; as R's <c>Kendall::MannKendall</c>).
/// </summary>
public static class MannKendall
{
    public sealed record Result(double S, double Variance, double Z, double P, double Tau);

    public static Result Test(IReadOnlyList<double> series)
    {
        var n = series.Count;
        double s = 0;
        for (var i = 0; i < n - 1; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                s += Math.Sign(series[j] - series[i]);
            }
        }

        var ties = series.GroupBy(v => v).Select(g => (double)g.Count()).Where(t => t > 1);
        var variance = ((n * (n - 1.0) * ((2.0 * n) + 5)) - ties.Sum(t => t * (t - 1) * ((2 * t) + 5))) / 18;
        var z = variance <= 0 ? 0 : s > 0 ? (s - 1) / Math.Sqrt(variance) : s < 0 ? (s + 1) / Math.Sqrt(variance) : 0;
        var pairs = n * (n - 1) / 2.0;
        return new Result(s, variance, z, Normal.TwoSidedP(z), pairs > 0 ? s / pairs : 0);
    }
}
