using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace GeoGrid.Core.Analysis.Density;

/// <summary>
/// Quartic (biweight) kernel density of points in projected metres, as ArcGIS's Kernel Density:
/// K(d) = 3 / (π h²) · (1 − d²/h²)² within the bandwidth h. Results are incidents per km².
/// </summary>
public sealed class KernelDensity
{
    private readonly STRtree<Coordinate> _index = new();

    public KernelDensity(IReadOnlyList<Coordinate> points, double? bandwidth = null)
    {
        if (points.Count == 0)
        {
            throw new ArgumentException("There are no points to estimate a density from.", nameof(points));
        }

        if (bandwidth is { } given && !(given > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidth), given, "bandwidth must be a positive number of metres");
        }

        Bandwidth = bandwidth ?? DefaultBandwidth(points);
        foreach (var p in points)
        {
            _index.Insert(new Envelope(p), p);
        }

        _index.Build();
    }

    public double Bandwidth { get; }

    /// <summary>
    /// ArcGIS's default search radius, Silverman's rule adapted to two dimensions:
    /// 0.9 · min(SD, √(1/ln 2) · Dm) · n^−0.2, where SD is the standard distance and Dm the median
    /// distance from the mean centre. Falls back to 1 m when all points coincide.
    /// </summary>
    public static double DefaultBandwidth(IReadOnlyList<Coordinate> points)
    {
        var n = points.Count;
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var sd = Math.Sqrt(points.Sum(p => ((p.X - mx) * (p.X - mx)) + ((p.Y - my) * (p.Y - my))) / n);
        var distances = points.Select(p => Math.Sqrt(((p.X - mx) * (p.X - mx)) + ((p.Y - my) * (p.Y - my)))).Order().ToArray();
        var median = n % 2 == 1 ? distances[n / 2] : (distances[(n / 2) - 1] + distances[n / 2]) / 2;
        var h = 0.9 * Math.Min(sd, Math.Sqrt(1 / Math.Log(2)) * median) * Math.Pow(n, -0.2);
        return h > 0 ? h : 1;
    }

    /// <summary>Density at <paramref name="at"/> in incidents per km².</summary>
    public double At(Coordinate at)
    {
        var h = Bandwidth;
        var h2 = h * h;
        var sum = 0.0;
        foreach (var p in _index.Query(new Envelope(at.X - h, at.X + h, at.Y - h, at.Y + h)))
        {
            var d2 = ((p.X - at.X) * (p.X - at.X)) + ((p.Y - at.Y) * (p.Y - at.Y));
            if (d2 < h2)
            {
                var u = 1 - (d2 / h2);
                sum += u * u;
            }
        }

        return sum * 3 / (Math.PI * h2) * 1e6;
    }

    /// <summary>
    /// The density on a grid of <paramref name="cellSize"/> m cells over <paramref name="extent"/> (grown
    /// by the bandwidth unless given), rows from the north, values at cell centres. Each point adds its
    /// kernel to the cells within the bandwidth (the same sums as <see cref="At"/>, in point order), so
    /// the cost is points × (2h / cell)², not cells × points.
    /// </summary>
    public DensityGrid Grid(double cellSize, Envelope? extent = null, CancellationToken cancellationToken = default)
    {
        if (!(cellSize > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "cell size must be a positive number of metres");
        }

        var box = extent ?? Grown(_index.Root.Bounds!, Bandwidth);
        var columns = (int)Math.Ceiling(box.Width / cellSize);
        var rows = (int)Math.Ceiling(box.Height / cellSize);
        if ((long)columns * rows > 25_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, $"a {cellSize} m grid over this extent would have {(long)columns * rows:N0} cells (at most 25,000,000)");
        }

        var values = new double[rows * columns];
        var h = Bandwidth;
        var h2 = h * h;
        var scale = 3 / (Math.PI * h2) * 1e6;
        var top = box.MinY + (rows * cellSize);
        var reach = box.Copy();
        reach.ExpandBy(h);
        var done = 0;
        foreach (var p in _index.Query(reach))
        {
            if ((++done & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var c0 = Math.Max(0, (int)Math.Floor((p.X - h - box.MinX) / cellSize));
            var c1 = Math.Min(columns - 1, (int)Math.Floor((p.X + h - box.MinX) / cellSize));
            var r0 = Math.Max(0, (int)Math.Floor((top - (p.Y + h)) / cellSize));
            var r1 = Math.Min(rows - 1, (int)Math.Floor((top - (p.Y - h)) / cellSize));
            for (var r = r0; r <= r1; r++)
            {
                var dy = top - ((r + 0.5) * cellSize) - p.Y;
                for (var c = c0; c <= c1; c++)
                {
                    var dx = box.MinX + ((c + 0.5) * cellSize) - p.X;
                    var d2 = (dx * dx) + (dy * dy);
                    if (d2 < h2)
                    {
                        var u = 1 - (d2 / h2);
                        values[(r * columns) + c] += u * u * scale;
                    }
                }
            }
        }

        return new DensityGrid(box.MinX, top - (rows * cellSize), cellSize, columns, rows, values);
    }

    private static Envelope Grown(Envelope e, double by)
    {
        var copy = e.Copy();
        copy.ExpandBy(by);
        return copy;
    }
}
