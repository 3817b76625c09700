using GeoGrid.Core.Partition;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Union;

namespace GeoGrid.Core.Coverage;

/// <summary>
/// Turns a set of nearly-matching polygons (for example boundaries quantised to a lattice) into a true
/// coverage: repairs each with <see cref="GeometryFixer"/>, drops detached crumbs below
/// <c>crumbMaxArea</c>, removes overlaps (the earlier polygon keeps the overlap), and gives each gap (a hole of
/// the union smaller than <c>gapMaxArea</c>) to the neighbour sharing the longest edge with it.
/// Areas are in the units of the input CRS, so pass a metric one.
/// </summary>
public static class CoverageCleaner
{
    public static CleanResult Clean(IReadOnlyList<Geometry> polygons, double crumbMaxArea, double gapMaxArea)
    {
        var factory = polygons.Count > 0 ? polygons[0].Factory : NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory();
        var crumbs = new List<Geometry>();
        var cells = new Geometry[polygons.Count];
        for (var i = 0; i < polygons.Count; i++)
        {
            var fixedGeometry = GeometryFixer.Fix(polygons[i]);
            var parts = PolygonExtracter.GetPolygons(fixedGeometry).ToList();
            var kept = parts.Where(p => p.Area >= crumbMaxArea).ToList();
            crumbs.AddRange(parts.Where(p => p.Area < crumbMaxArea));
            cells[i] = factory.BuildGeometry(kept).Union();
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

                var overlap = cells[i].Intersection(cells[j]);
                if (overlap.Area > 0)
                {
                    overlaps.Add(overlap);
                    cells[j] = cells[j].Difference(cells[i]);
                }
            }
        }

        var gaps = new List<Geometry>();
        var union = UnaryUnionOp.Union(cells);
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
                    cells[owner] = cells[owner].Union(gap);
                    gaps.Add(gap);
                }
            }
        }

        return new CleanResult(cells, crumbs, overlaps, gaps);
    }
}
