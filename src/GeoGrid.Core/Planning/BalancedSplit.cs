using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace GeoGrid.Core.Planning;

/// <summary>
/// A suggested split of one grid into k contiguous grids of about equal weight, as a start the planner
/// edits. Method: recursive bisection — cut the polygon across its longer axis (in metres) where the
/// weight on one side is k₁/k of the whole, k₁ = ⌊k/2⌋, and recurse on both sides. Weights are points:
/// reports (balance by reports), or a lattice of about 2,000 points clipped to the grid, each carrying
/// an equal share of its households (balance by households, which GeoGrid knows per grid, not per
/// building, so they are taken as spread evenly). A side that a concave outline leaves in pieces keeps
/// its largest piece and gives the rest to the other side, so every grid stays in one piece.
/// </summary>
public static class BalancedSplit
{
    public readonly record struct Weighted(double X, double Y, double Weight);

    public sealed record Suggestion(IReadOnlyList<Polygon> Grids, IReadOnlyList<double> Weights, double CoefficientOfVariation, IReadOnlyList<double> Compactness);

    /// <summary>Points of a lattice clipped to <paramref name="grid"/>, sharing <paramref name="total"/> equally.</summary>
    public static IReadOnlyList<Weighted> Lattice(Geometry grid, double total, int about = 2000)
    {
        var e = grid.EnvelopeInternal;
        var step = Math.Sqrt(grid.Area / about);
        var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(grid);
        var points = new List<(double X, double Y)>();
        for (var x = e.MinX + (step / 2); x < e.MaxX; x += step)
        {
            for (var y = e.MinY + (step / 2); y < e.MaxY; y += step)
            {
                if (prepared.Contains(grid.Factory.CreatePoint(new Coordinate(x, y))))
                {
                    points.Add((x, y));
                }
            }
        }

        return points.Select(p => new Weighted(p.X, p.Y, total / points.Count)).ToList();
    }

    public static (Suggestion? Suggestion, PlanRefusal? Refusal) Split(Polygon grid, int k, IReadOnlyList<Weighted> weights)
    {
        if (k is < 2 or > 50)
        {
            return (null, new PlanRefusal("k", "a suggestion splits a grid into 2 to 50 grids", null));
        }

        var parts = new List<Polygon>();
        if (Bisect(grid, k, weights, parts) is { } refusal)
        {
            return (null, refusal);
        }

        // Each weight counts once, in the first grid that holds it (a point on a shared edge is in both).
        var prepared = parts.Select(NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare).ToList();
        var sums = new double[parts.Count];
        foreach (var w in weights)
        {
            var point = grid.Factory.CreatePoint(new Coordinate(w.X, w.Y));
            var index = prepared.FindIndex(p => p.Covers(point));
            if (index >= 0)
            {
                sums[index] += w.Weight;
            }
        }

        var mean = sums.Average();
        var cv = mean == 0 ? 0 : Math.Sqrt(sums.Sum(s => (s - mean) * (s - mean)) / sums.Length) / mean;
        return (new Suggestion(parts, sums, cv, parts.Select(GridShapes.PolsbyPopper).ToList()), null);
    }

    private static PlanRefusal? Bisect(Polygon polygon, int k, IReadOnlyList<Weighted> weights, List<Polygon> result)
    {
        if (k == 1)
        {
            result.Add(polygon);
            return null;
        }

        var k1 = k / 2;
        var e = polygon.EnvelopeInternal;
        var cos = Math.Cos(e.Centre.Y * Math.PI / 180);
        var alongX = e.Width * cos >= e.Height;
        var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(polygon);
        var inside = weights.Where(w => prepared.Covers(polygon.Factory.CreatePoint(new Coordinate(w.X, w.Y)))).OrderBy(w => alongX ? w.X : w.Y).ToList();
        var total = inside.Sum(w => w.Weight);
        double at;
        if (total <= 0)
        {
            // Nothing to weigh here: share the length.
            at = alongX ? e.MinX + (e.Width * k1 / k) : e.MinY + (e.Height * k1 / k);
        }
        else
        {
            var target = total * k1 / k;
            var sum = 0.0;
            var i = 0;
            while (i < inside.Count - 1 && sum + inside[i].Weight < target)
            {
                sum += inside[i].Weight;
                i++;
            }

            var here = alongX ? inside[i].X : inside[i].Y;
            var before = i > 0 ? (alongX ? inside[i - 1].X : inside[i - 1].Y) : (alongX ? e.MinX : e.MinY);
            // Between two points, never on one (a lattice has many on one line): those at `here` go high.
            at = here == before ? here - 1e-9 : (here + before) / 2;
        }

        var f = polygon.Factory;
        var line = alongX
            ? f.CreateLineString([new Coordinate(at, e.MinY - 1e-3), new Coordinate(at, e.MaxY + 1e-3)])
            : f.CreateLineString([new Coordinate(e.MinX - 1e-3, at), new Coordinate(e.MaxX + 1e-3, at)]);
        var (pieces, refusal) = GridShapes.Split(polygon, line, 0);
        if (refusal is not null)
        {
            return new PlanRefusal("suggest", "the grid is too small or too thin to split this many times", polygon);
        }

        var low = pieces.Where(p => (alongX ? p.Centroid.X : p.Centroid.Y) < at).Cast<Geometry>().ToList();
        var high = pieces.Where(p => (alongX ? p.Centroid.X : p.Centroid.Y) >= at).Cast<Geometry>().ToList();
        var (a, b) = Contiguous(low, high);
        if (a is null || b is null)
        {
            return new PlanRefusal("suggest", "the grid's outline defeats a straight cut here; split it by hand", polygon);
        }

        return Bisect(a, k1, weights, result) ?? Bisect(b, k - k1, weights, result);
    }

    /// <summary>Both sides as single polygons: stray pieces of a side join the other side, which they touch across the cut.</summary>
    private static (Polygon? A, Polygon? B) Contiguous(List<Geometry> low, List<Geometry> high)
    {
        for (var round = 0; round < 4; round++)
        {
            if (low.Count == 0 || high.Count == 0)
            {
                return (null, null);
            }

            var a = OverlayNGRobust.Union((Geometry)low[0].Factory.BuildGeometry(low));
            var b = OverlayNGRobust.Union((Geometry)high[0].Factory.BuildGeometry(high));
            if (a is Polygon pa && b is Polygon pb)
            {
                return (pa, pb);
            }

            (low, high) = Rebalance(a, b);
        }

        return (null, null);
    }

    private static (List<Geometry> Low, List<Geometry> High) Rebalance(Geometry a, Geometry b)
    {
        List<Geometry> Parts(Geometry g) => Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OrderByDescending(p => p.Area).ToList();
        var pa = Parts(a);
        var pb = Parts(b);
        if (pa.Count > 1)
        {
            return (pa.Take(1).ToList(), pb.Concat(pa.Skip(1)).ToList());
        }

        return (pa.Concat(pb.Skip(1)).ToList(), pb.Take(1).ToList());
    }
}
