using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>
/// Aggregates incident points (projected metres) into hexagons or squares. <c>size</c> is the distance
/// between the centres of neighbouring cells: a square's side, a hexagon's flat-to-flat width. The
/// study area is the incidents' convex hull: every cell whose centre lies in it is kept, with zero
/// counts — leaving empty cells out would hide exactly the cold spots.
/// </summary>
public static class Binning
{
    private const int MaxBins = 1_000_000;
    private static readonly GeometryFactory s_factory = new();

    public static IReadOnlyList<Bin> Aggregate(IReadOnlyList<Coordinate> points, double size, BinShape shape, IReadOnlyList<int>? steps = null, int stepCount = 1, Geometry? studyArea = null)
    {
        if (!(size > 0) || double.IsInfinity(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "bin size must be a positive number of metres");
        }

        if (points.Count == 0)
        {
            throw new ArgumentException("There are no incidents to aggregate.", nameof(points));
        }

        var area = studyArea ?? s_factory.CreateMultiPointFromCoords(points.ToArray()).ConvexHull();
        var envelope = area.EnvelopeInternal;
        if (area.Area / (size * size) > MaxBins)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"bin size {size:0.#} m is so small that the study area would need more than {MaxBins:N0} bins");
        }

        var counts = new Dictionary<(long, long), int[]>();
        for (var i = 0; i < points.Count; i++)
        {
            var cell = CellOf(points[i], size, shape);
            if (!counts.TryGetValue(cell, out var perStep))
            {
                counts[cell] = perStep = new int[stepCount];
            }

            perStep[steps?[i] ?? 0]++;
        }

        // Cells whose centre is in the study area; a hull of collinear points (a line) keeps the touched cells.
        var prepared = PreparedGeometryFactory.Prepare(area.Dimension == Dimension.Surface ? area : area.Buffer(size / 2));
        var keys = new HashSet<(long, long)>(counts.Keys);
        var (c0, r0) = CellOf(new Coordinate(envelope.MinX, envelope.MinY), size, shape);
        var (c1, r1) = CellOf(new Coordinate(envelope.MaxX, envelope.MaxY), size, shape);
        for (var c = c0 - 1; c <= c1 + 1; c++)
        {
            for (var r = r0 - 1; r <= r1 + 1; r++)
            {
                if (prepared.Contains(s_factory.CreatePoint(CentreOf((c, r), size, shape))))
                {
                    keys.Add((c, r));
                }
            }
        }

        return keys.OrderBy(k => k.Item2).ThenBy(k => k.Item1).Select(k =>
        {
            var perStep = counts.GetValueOrDefault(k) ?? new int[stepCount];
            var centre = CentreOf(k, size, shape);
            return new Bin($"{k.Item1}_{k.Item2}", centre, PolygonOf(centre, size, shape), perStep.Sum(), perStep);
        }).ToList();
    }

    /// <summary>The key of the cell that contains <paramref name="p"/> (the same as <see cref="Bin.Key"/>).</summary>
    public static string KeyOf(Coordinate p, double size, BinShape shape)
    {
        var (c, r) = CellOf(p, size, shape);
        return $"{c}_{r}";
    }

    private static (long Column, long Row) CellOf(Coordinate p, double size, BinShape shape)
    {
        if (shape == BinShape.Square)
        {
            return ((long)Math.Floor(p.X / size), (long)Math.Floor(p.Y / size));
        }

        // Pointy-top hexagons in odd-r offset layout: convert to axial, round in cube coordinates.
        var radius = size / Math.Sqrt(3);
        var q = ((Math.Sqrt(3) / 3 * p.X) - (p.Y / 3)) / radius;
        var r = 2.0 / 3 * p.Y / radius;
        var (cx, cz) = (q, r);
        var cy = -cx - cz;
        var (rx, ry, rz) = (Math.Round(cx), Math.Round(cy), Math.Round(cz));
        var (dx, dy, dz) = (Math.Abs(rx - cx), Math.Abs(ry - cy), Math.Abs(rz - cz));
        if (dx > dy && dx > dz)
        {
            rx = -ry - rz;
        }
        else if (dy <= dz)
        {
            rz = -rx - ry;
        }

        var row = (long)rz;
        var column = (long)rx + ((row - (row & 1)) / 2);
        return (column, row);
    }

    private static Coordinate CentreOf((long Column, long Row) cell, double size, BinShape shape)
    {
        if (shape == BinShape.Square)
        {
            return new Coordinate((cell.Column + 0.5) * size, (cell.Row + 0.5) * size);
        }

        var x = size * (cell.Column + (0.5 * (cell.Row & 1)));
        var y = size * Math.Sqrt(3) / 2 * cell.Row;
        return new Coordinate(x, y);
    }

    private static Polygon PolygonOf(Coordinate centre, double size, BinShape shape)
    {
        if (shape == BinShape.Square)
        {
            var h = size / 2;
            return s_factory.CreatePolygon(
            [
                new(centre.X - h, centre.Y - h), new(centre.X + h, centre.Y - h), new(centre.X + h, centre.Y + h),
                new(centre.X - h, centre.Y + h), new(centre.X - h, centre.Y - h),
            ]);
        }

        var radius = size / Math.Sqrt(3);
        var ring = new Coordinate[7];
        for (var k = 0; k < 6; k++)
        {
            var angle = Math.PI / 180 * ((60 * k) - 30);
            ring[k] = new Coordinate(centre.X + (radius * Math.Cos(angle)), centre.Y + (radius * Math.Sin(angle)));
        }

        ring[6] = ring[0];
        return s_factory.CreatePolygon(ring);
    }
}
