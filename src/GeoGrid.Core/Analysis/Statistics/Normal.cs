namespace GeoGrid.Core.Analysis.Statistics;

/// <summary>Two-sided normal p-values through Math.NET (accurate to double precision, as R's <c>pnorm</c>).</summary>
public static class Normal
{
    /// <summary><c>2 * pnorm(|z|, lower.tail = FALSE)</c>.</summary>
    public static double TwoSidedP(double z) => double.IsNaN(z) ? double.NaN : MathNet.Numerics.SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));
}
