namespace GeoGrid.Server.Glyphs;

/// <summary>
/// The signed distance field of a glyph's coverage, in the encoding MapLibre's text shader reads: a byte
/// per pixel, 192 on the outline (cutoff 0.25), 255/8 per pixel of distance inward or outward (radius 8).
/// The distances are exact Euclidean ones (Felzenszwalb and Huttenlocher's linear-time transform), with
/// anti-aliased edge pixels placed between inside and outside by their coverage.
/// </summary>
public static class DistanceField
{
    public const int Radius = 8;
    public const double Cutoff = 0.25;

    // Large and finite: the transform subtracts these from one another.
    private const double Far = 1e20;

    /// <summary>The field of a <paramref name="width"/> × <paramref name="height"/> coverage (0 outside,
    /// 255 inside), both given and returned row by row.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> coverage, int width, int height)
    {
        var outside = new double[coverage.Length];
        var inside = new double[coverage.Length];
        for (var i = 0; i < coverage.Length; i++)
        {
            // How far the pixel's centre is from the edge, in pixels, as its coverage suggests.
            var offset = 0.5 - coverage[i] / 255.0;
            outside[i] = coverage[i] == 0 ? Far : offset > 0 ? offset * offset : 0;
            inside[i] = coverage[i] == 255 ? Far : offset < 0 ? offset * offset : 0;
        }

        SquaredDistances(outside, width, height);
        SquaredDistances(inside, width, height);
        var field = new byte[coverage.Length];
        for (var i = 0; i < field.Length; i++)
        {
            var distance = Math.Sqrt(outside[i]) - Math.Sqrt(inside[i]);
            field[i] = (byte)Math.Clamp(Math.Round(255 * (1 - Cutoff) - 255.0 / Radius * distance), 0, 255);
        }

        return field;
    }

    /// <summary>Replaces each cell by the squared distance to the nearest cell holding 0 (plus that cell's
    /// own value): one pass over the columns, one over the rows.</summary>
    private static void SquaredDistances(double[] grid, int width, int height)
    {
        var n = Math.Max(width, height);
        var line = new double[n];
        var result = new double[n];
        var parabolas = new int[n];
        var bounds = new double[n + 1];
        for (var x = 0; x < width; x++)
        {
            for (var y = 0; y < height; y++) line[y] = grid[y * width + x];
            LowerEnvelope(line, height, result, parabolas, bounds);
            for (var y = 0; y < height; y++) grid[y * width + x] = result[y];
        }

        for (var y = 0; y < height; y++)
        {
            Array.Copy(grid, y * width, line, 0, width);
            LowerEnvelope(line, width, result, parabolas, bounds);
            Array.Copy(result, 0, grid, y * width, width);
        }
    }

    /// <summary>The one-dimensional transform: the lower envelope of the parabolas rooted at each sample.</summary>
    private static void LowerEnvelope(double[] f, int n, double[] d, int[] v, double[] z)
    {
        var k = 0;
        v[0] = 0;
        z[0] = double.NegativeInfinity;
        z[1] = double.PositiveInfinity;
        for (var q = 1; q < n; q++)
        {
            double s;
            while (true)
            {
                var r = v[k];
                s = (f[q] + q * q - (f[r] + r * r)) / (2.0 * (q - r));
                if (s > z[k] || k == 0) break;
                k--;
            }

            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = double.PositiveInfinity;
        }

        k = 0;
        for (var q = 0; q < n; q++)
        {
            while (z[k + 1] < q) k++;
            var r = v[k];
            d[q] = (q - r) * (q - r) + f[r];
        }
    }
}
