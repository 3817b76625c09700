using GeoGrid.Core.Measure;
using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Union;

namespace GeoGrid.Core.Coverage;

/// <summary>
/// Checks that children cover their parent "横向到边、纵向到底": no gap, no overlap, nothing outside the
/// parent, no slivers, every child a valid single polygon with someone assigned. Geometries are in
/// longitude/latitude; reported areas are geodesic m². Whether a gap or overlap is there at all is
/// decided in the lon/lat plane the edges are straight in: below <c>minimumArea</c> m² there it is
/// floating-point noise. (Measured after projection, a zero-area sliver of collinear nodes along a long
/// edge would gain tens of m², because the edge is no longer straight.)
/// </summary>
public static class CoverageCheck
{
    /// <summary>Area in the lon/lat plane, scaled to m² at the geometry's latitude.</summary>
    private static double PlanarSquareMetres(Geometry lonLat)
    {
        const double metresPerDegree = 111_319.49;
        var latitude = lonLat.EnvelopeInternal.Centre.Y * Math.PI / 180;
        return lonLat.Area * metresPerDegree * metresPerDegree * Math.Cos(latitude);
    }

    /// <summary>A child grid: its code, geometry and (when known) how many workers it has.</summary>
    public sealed record Child(string Code, Geometry Geometry, int? Workers = null);

    public static IReadOnlyList<CoverageProblem> Check(Geometry? parent, IReadOnlyList<Child> children, double sliverArea = 0, double minimumArea = 0.01)
    {
        var problems = new List<CoverageProblem>();
        void Add(CoverageProblemKind kind, Geometry g, params string[] grids)
        {
            foreach (var part in PolygonExtracter.GetPolygons(g).Cast<Geometry>().DefaultIfEmpty(g))
            {
                if (!part.IsEmpty && PlanarSquareMetres(part) >= minimumArea)
                {
                    problems.Add(new CoverageProblem(kind, part, Geodesic.AreaSquareMetres(part), grids));
                }
            }
        }

        var valid = new List<Child>();
        var isValid = children.AsParallel().AsOrdered().Select(c => c.Geometry.IsValid).ToArray();
        for (var k = 0; k < children.Count; k++)
        {
            var c = children[k];
            if (!isValid[k])
            {
                problems.Add(new CoverageProblem(CoverageProblemKind.InvalidGeometry, c.Geometry, Geodesic.AreaSquareMetres(c.Geometry), [c.Code]));
                continue;
            }

            valid.Add(c);
            if (c.Geometry.NumGeometries > 1)
            {
                problems.Add(new CoverageProblem(CoverageProblemKind.MultiPart, c.Geometry, Geodesic.AreaSquareMetres(c.Geometry), [c.Code]));
            }

            if (sliverArea > 0 && Geodesic.AreaSquareMetres(c.Geometry) < sliverArea)
            {
                problems.Add(new CoverageProblem(CoverageProblemKind.Sliver, c.Geometry, Geodesic.AreaSquareMetres(c.Geometry), [c.Code]));
            }

            if (c.Workers == 0)
            {
                problems.Add(new CoverageProblem(CoverageProblemKind.NoWorker, c.Geometry, Geodesic.AreaSquareMetres(c.Geometry), [c.Code]));
            }
        }

        // NTS's coverage validator matches edges in O(n log n); only polygons it flags (overlapping, or
        // with edges that do not match their neighbours') need the exact pairwise intersection.
        var geometries = valid.Select(c => c.Geometry).ToArray();
        var flags = geometries.Length == 0 ? [] : CoverageValidator.Validate(geometries);
        var clean = flags.All(f => f is null);
        if (!clean)
        {
            var index = new STRtree<int>();
            for (var i = 0; i < valid.Count; i++)
            {
                index.Insert(valid[i].Geometry.EnvelopeInternal, i);
            }

            var overlaps = new System.Collections.Concurrent.ConcurrentBag<(int, int, Geometry)>();
            Parallel.For(0, valid.Count, i =>
            {
                foreach (var j in index.Query(valid[i].Geometry.EnvelopeInternal).Where(j => j > i && (flags[i] is not null || flags[j] is not null)))
                {
                    var overlap = OverlayNGRobust.Overlay(valid[i].Geometry, valid[j].Geometry, SpatialFunction.Intersection);
                    if (overlap.Dimension == Dimension.Surface)
                    {
                        overlaps.Add((i, j, overlap));
                    }
                }
            });
            foreach (var (i, j, overlap) in overlaps.OrderBy(o => o.Item1).ThenBy(o => o.Item2))
            {
                Add(CoverageProblemKind.Overlap, overlap, valid[i].Code, valid[j].Code);
            }
        }

        // A valid coverage unions by dropping shared edges, far faster than a general overlay.
        // The robust overlay (OverlayNG with snapping fallbacks): the classic one throws on edges that nearly
        // meet, which redrawn grids have where a cut line crosses a neighbour's edge.
        var union = valid.Count == 0 ? null : clean ? NetTopologySuite.Coverage.CoverageUnion.Union(geometries) : OverlayNGRobust.Union((Geometry)geometries[0].Factory.BuildGeometry(geometries));
        if (parent is not null)
        {
            var gaps = union is null ? parent : OverlayNGRobust.Overlay(parent, union, SpatialFunction.Difference);
            Add(CoverageProblemKind.Gap, gaps);
            var preparedParent = PreparedGeometryFactory.Prepare(parent);
            var outside = new Geometry?[valid.Count];
            Parallel.For(0, valid.Count, i => outside[i] = preparedParent.Covers(valid[i].Geometry) ? null : OverlayNGRobust.Overlay(valid[i].Geometry, parent, SpatialFunction.Difference));
            for (var i = 0; i < valid.Count; i++)
            {
                if (outside[i] is { IsEmpty: false } o)
                {
                    Add(CoverageProblemKind.OutsideParent, o, valid[i].Code);
                }
            }
        }
        else if (union is not null)
        {
            // Without a parent, a gap is a hole the children enclose.
            foreach (Polygon p in PolygonExtracter.GetPolygons(union))
            {
                foreach (var hole in p.Holes)
                {
                    Add(CoverageProblemKind.Gap, union.Factory.CreatePolygon(hole.CoordinateSequence));
                }
            }
        }

        // A gap belongs to no grid; name the grids around it, who would close it.
        return problems.Select(p => p.Kind == CoverageProblemKind.Gap
            ? p with { Grids = valid.Where(c => c.Geometry.EnvelopeInternal.Intersects(p.Geometry.EnvelopeInternal) && c.Geometry.Intersects(p.Geometry)).Select(c => c.Code).ToList() }
            : p).ToList();
    }
}
