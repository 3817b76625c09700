using GeoGrid.Core.Analysis.Statistics;

namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>
/// Global Moran's I with binary weights and the randomisation variance, as spdep's
/// <c>moran.test(x, nb2listw(nb, style = "B"), randomisation = TRUE)</c> and ArcGIS compute it.
/// </summary>
public static class MoransI
{
    public sealed record Result(double I, double Expected, double Variance, double Z, double P);

    public static Result Compute(IReadOnlyList<double> x, SpatialWeights weights)
    {
        var n = x.Count;
        if (n < 4)
        {
            throw new ArgumentException("Moran's I needs at least four features.", nameof(x));
        }

        var mean = x.Average();
        var z = x.Select(v => v - mean).ToArray();
        double m2 = 0, m4 = 0, cross = 0, s0 = 0, s1 = 0;
        var inDegree = new double[n];
        for (var i = 0; i < n; i++)
        {
            m2 += z[i] * z[i];
            m4 += z[i] * z[i] * z[i] * z[i];
            foreach (var j in weights.Neighbours[i])
            {
                cross += z[i] * z[j];
                s0 += 1;
                inDegree[j] += 1;
                // (w_ij + w_ji)²: 4 when the link is mutual, 1 when one-way; summed over both orders, halved.
                s1 += Array.BinarySearch(weights.Neighbours[j], i) >= 0 ? 2 : 0.5;
            }
        }

        var s2 = 0.0;
        for (var i = 0; i < n; i++)
        {
            var t = weights.Neighbours[i].Length + inDegree[i];
            s2 += t * t;
        }

        var moran = n / s0 * cross / m2;
        var expected = -1.0 / (n - 1);
        var k = (m4 / n) / ((m2 / n) * (m2 / n));
        double nn = n;
        var variance = ((nn * ((s1 * ((nn * nn) - (3 * nn) + 3)) - (nn * s2) + (3 * s0 * s0)))
                        - (k * ((s1 * ((nn * nn) - nn)) - (2 * nn * s2) + (6 * s0 * s0))))
                       / ((nn - 1) * (nn - 2) * (nn - 3) * s0 * s0) - (expected * expected);
        var score = (moran - expected) / Math.Sqrt(variance);
        return new Result(moran, expected, variance, score, Normal.TwoSidedP(score));
    }
}
