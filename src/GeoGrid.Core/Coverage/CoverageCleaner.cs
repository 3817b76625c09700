using GeoGrid.Core.Partition;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Precision;

namespace GeoGrid.Core.Coverage;

/// <summary>
/// Turns a set of nearly-matching polygons (for example boundaries quantised to a lattice) into a true
/// coverage on the grid of <c>precision</c>: repairs each with <see cref="GeometryFixer"/>, drops detached crumbs below
/// <c>crumbMaxArea</c>, removes overlaps (the earlier polygon keeps the overlap), and gives each gap (a hole of
/// the union smaller than <c>gapMaxArea</c>) to the neighbour sharing the longest edge with it.
/// Areas are in the squared units of the input CRS.
/// </summary>
public static class CoverageCleaner
{
    public static CleanResult Clean(IReadOnlyList<Geometry> polygons, double crumbMaxArea, double gapMaxArea, PrecisionModel precision)
    {
        var factory = polygons.Count > 0 ? polygons[0].Factory : NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory();
        var crumbs = new List<Geometry>();
        var cells = new Geometry[polygons.Count];
        for (var i = 0; i < polygons.Count; i++)
        {
            var fixedGeometry = GeometryPrecisionReducer.Reduce(GeometryFixer.Fix(polygons[i]), precision);
            var parts = PolygonExtracter.GetPolygons(fixedGeometry).ToList();
            var kept = parts.Where(p => p.Area >= crumbMaxArea).ToList();
            crumbs.AddRange(parts.Where(p => p.Area < crumbMaxArea));
            cells[i] = UnaryUnionNG.Union(factory.BuildGeometry(kept), precision);
        }

        var overlaps = new List<Geometry>();
        for (var i = 0; i < cells.Length; i++)
        {
            for (var j = i + 1; j < cells.Length; j++)
            {
                if (!cells[i].EnvelopeInternal.Intersects(cells[j].EnvelopeInternal))
                {
                    continue;
                }

                var overlap = OverlayNG.Overlay(cells[i], cells[j], SpatialFunction.Intersection, precision);
                if (overlap.Area > 0)
                {
                    overlaps.Add(overlap);
                    cells[j] = OverlayNG.Overlay(cells[j], cells[i], SpatialFunction.Difference, precision);
                }
            }
        }

        var gaps = new List<Geometry>();
        var union = UnaryUnionNG.Union(cells, factory, precision);
        foreach (Polygon shell in PolygonExtracter.GetPolygons(union))
        {
            foreach (var hole in shell.Holes)
            {
                var gap = factory.CreatePolygon(hole.CoordinateSequence);
                if (gap.Area >= gapMaxArea)
                {
                    continue;
                }

                var owner = VoronoiPartitioner.LongestSharedEdge(cells, -1, gap);
                if (owner >= 0)
                {
                    cells[owner] = OverlayNG.Overlay(cells[owner], gap, SpatialFunction.Union, precision);
                    gaps.Add(gap);
                }
            }
        }

        // Neighbours may trace a shared border with different vertices (one has a collinear vertex the
        // other lacks); re-noding all borders together makes every shared edge identical on both sides.
        var locators = cells.Select(c => new IndexedPointInAreaLocator(c)).ToArray();
        var matched = FaceAssembler.Assemble(cells.Select(c => c.Boundary), cells.Length, p => Array.FindIndex(locators, l => l.Locate(p) == Location.Interior), factory, precision);
        return new CleanResult(matched, crumbs, overlaps, gaps);
    }
}
