using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Simplify;

namespace GeoGrid.Core.Coverage;

/// <summary>
/// Simplifies a polygon coverage for display at one scale, keeping it a coverage: each edge two
/// polygons share is simplified once (NetTopologySuite's <see cref="CoverageSimplifier"/>), so
/// neighbours cannot open slivers or overlap as they do when each polygon is simplified alone; nodes
/// (where three grids meet) stay put, and no polygon disappears. A polygon whose edges do not match its
/// neighbours' (the validator flags it: the coverage check would report it too) is simplified alone
/// with its topology kept — the rest still form a coverage and are simplified as one.
/// </summary>
public static class CoverageGeneralisation
{
    /// <summary>
    /// Makes neighbours trace their shared borders through the same vertices: where a vertex of one
    /// polygon lies on an edge of another (within <paramref name="tolerance"/>, in the units of the
    /// input), the edge gets that vertex. Grids cut from their parent, or redrawn by a planner, meet
    /// without gap or overlap but often not vertex for vertex (the demo: 9,767 of 12,024 三级 grids), and
    /// the coverage simplifier needs matching edges to know they are shared. Nothing moves by more than
    /// <paramref name="tolerance"/>. Run once per layer, before simplifying it for every zoom.
    /// </summary>
    public static Geometry[] Node(IReadOnlyList<Geometry> polygons, double tolerance)
    {
        var vertices = new STRtree<Coordinate>();
        foreach (var c in polygons.SelectMany(p => p.Coordinates).Distinct())
        {
            vertices.Insert(new Envelope(c), c);
        }

        vertices.Build();
        return polygons.AsParallel().AsOrdered().Select(p =>
        {
            var noded = new SharedVertexInserter(vertices, tolerance).Transform(p);
            noded.SRID = p.SRID;
            return noded;
        }).ToArray();
    }

    /// <summary>Inserts into each edge the vertices of other polygons that lie on it, in order along it.</summary>
    private sealed class SharedVertexInserter(STRtree<Coordinate> vertices, double tolerance) : GeometryTransformer
    {
        protected override CoordinateSequence TransformCoordinates(CoordinateSequence coords, Geometry parent)
        {
            var result = new CoordinateList();
            for (var i = 0; i < coords.Count; i++)
            {
                var p0 = coords.GetCoordinate(i);
                result.Add(p0, false);
                if (i == coords.Count - 1)
                {
                    break;
                }

                var p1 = coords.GetCoordinate(i + 1);
                var segment = new LineSegment(p0, p1);
                var search = new Envelope(p0, p1);
                search.ExpandBy(tolerance);
                var between = vertices.Query(search)
                    .Select(c => (c, f: segment.ProjectionFactor(c)))
                    .Where(v => v.f > 0 && v.f < 1 && !v.c.Equals2D(p0) && !v.c.Equals2D(p1) && segment.Distance(v.c) <= tolerance)
                    .OrderBy(v => v.f);
                foreach (var (c, _) in between)
                {
                    result.Add(c.Copy(), false);
                }
            }

            return Factory.CoordinateSequenceFactory.Create(result.ToCoordinateArray());
        }
    }

    /// <summary>The simplified polygons, in the order given, and how many had to be simplified alone.</summary>
    public static (Geometry[] Simplified, int Alone) Simplify(IReadOnlyList<Geometry> polygons, double tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        var all = polygons.ToArray();
        if (all.Length == 0)
        {
            return ([], 0);
        }

        var flags = CoverageValidator.Validate(all);
        var inCoverage = Enumerable.Range(0, all.Length).Where(i => flags[i] is null).ToArray();
        var simplified = new Geometry[all.Length];
        var coverage = CoverageSimplifier.Simplify(inCoverage.Select(i => all[i]).ToArray(), tolerance);
        for (var k = 0; k < inCoverage.Length; k++)
        {
            simplified[inCoverage[k]] = coverage[k];
        }

        var alone = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (flags[i] is not null)
            {
                simplified[i] = TopologyPreservingSimplifier.Simplify(all[i], tolerance);
                alone++;
            }

            simplified[i].SRID = all[i].SRID;
        }

        return (simplified, alone);
    }
}
