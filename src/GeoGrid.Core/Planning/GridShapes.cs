using GeoGrid.Core.Measure;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay.Snap;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace GeoGrid.Core.Planning;

/// <summary>
/// The shape operations of redrawing, in lon/lat: splitting a grid by a drawn line or polygon and
/// merging neighbours. A drawn line is snapped to the grid's vertices and edges within a tolerance, so
/// a line drawn by hand "to" a corner meets it; the pieces are the faces the line and the outline make.
/// </summary>
public static class GridShapes
{
    /// <summary>The pieces <paramref name="cut"/> splits <paramref name="grid"/> into (at least two), or why it does not split it.</summary>
    public static (IReadOnlyList<Polygon> Pieces, PlanRefusal? Refusal) Split(Geometry grid, Geometry cut, double snapDegrees)
    {
        if (grid is not Polygon outline)
        {
            return ([], new PlanRefusal("multi_part", "a grid to split is one polygon", grid));
        }

        List<Polygon> pieces;
        if (cut is Polygon or MultiPolygon)
        {
            var snapped = GeometrySnapper.Snap(cut, grid, snapDegrees)[0];
            pieces = [.. Polygons(OverlayNGRobust.Overlay(grid, snapped, SpatialFunction.Intersection)), .. Polygons(OverlayNGRobust.Overlay(grid, snapped, SpatialFunction.Difference))];
        }
        else if (cut is LineString or MultiLineString)
        {
            var snapped = GeometrySnapper.Snap(ReachEdges(cut, grid, snapDegrees), grid, snapDegrees)[0];
            var noded = OverlayNGRobust.Union((Geometry)grid.Factory.CreateGeometryCollection([outline.ExteriorRing, .. outline.InteriorRings, snapped]));
            var polygonizer = new Polygonizer();
            polygonizer.Add(noded);
            pieces = polygonizer.GetPolygons().Cast<Polygon>().Where(p => grid.Contains(p.InteriorPoint)).ToList();
        }
        else
        {
            return ([], new PlanRefusal("no_split", $"a grid is split by a line or a polygon, not a {cut.GeometryType}", cut));
        }

        pieces = pieces.Where(p => !p.IsEmpty && Geodesic.AreaSquareMetres(p) > 0.01).ToList();
        return pieces.Count >= 2
            ? (pieces, null)
            : ([], new PlanRefusal("no_split", "the drawn line does not cross the grid from edge to edge (within the snapping tolerance), so it cuts nothing off", cut));
    }

    /// <summary>
    /// A hand-drawn line often stops just short of the outline: an end within <paramref name="tolerance"/>
    /// of it is carried onto the outline and a hair beyond, so that the line crosses it.
    /// </summary>
    private static Geometry ReachEdges(Geometry cut, Geometry grid, double tolerance)
    {
        var boundary = grid.Boundary;
        Geometry Reach(LineString line)
        {
            var points = line.Coordinates.Select(c => c.Copy()).ToArray();
            if (points.Length < 2)
            {
                return line;
            }

            void Move(int end, int inner)
            {
                var p = points[end];
                var nearest = NetTopologySuite.Operation.Distance.DistanceOp.NearestPoints(boundary, line.Factory.CreatePoint(p))[0];
                var d = p.Distance(nearest);
                if (d > 0 && d <= tolerance && grid.Contains(line.Factory.CreatePoint(p)))
                {
                    // On past the outline by a tenth of the tolerance, in the line's own direction.
                    var (dx, dy) = (p.X - points[inner].X, p.Y - points[inner].Y);
                    var length = Math.Sqrt((dx * dx) + (dy * dy));
                    points[end] = length == 0 ? nearest : new Coordinate(nearest.X + (dx / length * tolerance / 10), nearest.Y + (dy / length * tolerance / 10));
                }
            }

            Move(0, 1);
            Move(points.Length - 1, points.Length - 2);
            return line.Factory.CreateLineString(points);
        }

        return cut switch
        {
            LineString l => Reach(l),
            MultiLineString m => m.Factory.CreateMultiLineString(Enumerable.Range(0, m.NumGeometries).Select(i => (LineString)Reach((LineString)m.GetGeometryN(i))).ToArray()),
            _ => cut,
        };
    }

    /// <summary>One polygon of <paramref name="grids"/> together, or why they are not one (not neighbours).</summary>
    public static (Polygon? Merged, PlanRefusal? Refusal) Merge(IReadOnlyList<Geometry> grids)
    {
        if (grids.Count < 2)
        {
            return (null, new PlanRefusal("not_adjacent", "a merge takes two grids or more", null));
        }

        var union = OverlayNGRobust.Union((Geometry)grids[0].Factory.BuildGeometry(grids));
        return union is Polygon p
            ? (p, null)
            : (null, new PlanRefusal("not_adjacent", "these grids do not share an edge: together they are not one polygon", union));
    }

    /// <summary>Polsby–Popper compactness 4πA/P², from geodesic area and perimeter: 1 for a circle, towards 0 for a needle.</summary>
    public static double PolsbyPopper(Geometry lonLat)
    {
        var perimeter = Geodesic.LengthMetres(lonLat.Boundary);
        return perimeter == 0 ? 0 : 4 * Math.PI * Geodesic.AreaSquareMetres(lonLat) / (perimeter * perimeter);
    }

    /// <summary>A polygon's mean width in metres, 2A/P: a needle's is small whatever its area.</summary>
    public static double MeanWidthMetres(Geometry lonLat)
    {
        var perimeter = Geodesic.LengthMetres(lonLat.Boundary);
        return perimeter == 0 ? 0 : 2 * Geodesic.AreaSquareMetres(lonLat) / perimeter;
    }

    private static IEnumerable<Polygon> Polygons(Geometry g) =>
        Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OfType<Polygon>();
}
