using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;

namespace GeoGrid.Core.Partition;

/// <summary>
/// Builds an edge-matched coverage from linework: nodes all lines in one operation, polygonises the
/// faces, hands each face to the owner its interior point names, and unions each owner's faces. Shared
/// edges then have the same vertices on both sides, which <c>CoverageValidator</c> and PostGIS's
/// coverage checks require.
/// </summary>
public static class FaceAssembler
{
    /// <param name="owner">The owner index of a point inside a face, or -1 to drop the face.</param>
    /// <param name="precision">Snap-round to this grid, or null to node in full floating precision.</param>
    public static Geometry[] Assemble(IEnumerable<Geometry> linework, int owners, Func<Coordinate, int> owner, GeometryFactory factory, PrecisionModel? precision = null)
    {
        var lines = factory.BuildGeometry(linework.ToList());
        var noded = precision is null ? OverlayNGRobust.Union(lines) : UnaryUnionNG.Union(lines, precision);
        var polygonizer = new Polygonizer();
        polygonizer.Add(noded);
        var groups = new List<Geometry>[owners];
        for (var i = 0; i < owners; i++)
        {
            groups[i] = [];
        }

        foreach (var face in polygonizer.GetPolygons())
        {
            var k = owner(face.InteriorPoint.Coordinate);
            if (k >= 0)
            {
                groups[k].Add(face);
            }
        }

        return groups.Select(g => g.Count == 0 ? factory.CreatePolygon() : CoverageUnion.Union(factory.BuildGeometry(g))).ToArray();
    }
}
