using GeoGrid.Core.Crs;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace GeoGrid.Bench;

/// <summary>Generated inputs of a chosen size around Zhengzhou, reproducible from a seed.</summary>
internal static class Synthetic
{
    private static readonly GeometryFactory s_factory = new();

    /// <summary>Origin of the generated area in EPSG:4547: 高村乡, west of the city.</summary>
    public static readonly Coordinate Origin = Project(113.10, 34.80);

    public static Coordinate Project(double lon, double lat)
    {
        var (x, y) = Reprojector.Transform(lon, lat, Crs.Epsg4326, Crs.Epsg4547);
        return new Coordinate(x, y);
    }

    /// <summary>
    /// A coverage of <paramref name="count"/> Voronoi grids over a square of about <paramref name="side"/> m,
    /// built in lon/lat (where grids are stored and their edges straight), so it is exact there.
    /// </summary>
    public static (Geometry Parent, IReadOnlyList<Geometry> Grids) Grids(int count, double side, int seed)
    {
        var random = new Random(seed);
        var (lon, lat) = Reprojector.Transform(Origin.X, Origin.Y, Crs.Epsg4547, Crs.Epsg4490);
        var box = new Envelope(lon, lon + (side / 91_300), lat, lat + (side / 110_900));
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = box };
        builder.SetSites(Enumerable.Range(0, count).Select(_ => new Coordinate(box.MinX + (random.NextDouble() * box.Width), box.MinY + (random.NextDouble() * box.Height))).ToList());
        var frame = s_factory.ToGeometry(box);
        var cells = builder.GetSubdivision().GetVoronoiCellPolygons(s_factory).Select(c => c.Intersection(frame)).Where(c => !c.IsEmpty).ToList();
        return (frame, cells);
    }

    public static Geometry ToLonLat(Geometry metric) => Reprojector.Transform(metric, Crs.Epsg4547, Crs.Epsg4490);

    /// <summary>Points over the same square as <see cref="Grids"/>, denser around a few centres (as reports are), in lon/lat.</summary>
    public static Coordinate[] Points(int count, double side, int seed)
    {
        var random = new Random(seed);
        var (lon, lat) = Reprojector.Transform(Origin.X, Origin.Y, Crs.Epsg4547, Crs.Epsg4490);
        var (w, h) = (side / 91_300, side / 110_900);
        var centres = Enumerable.Range(0, 12).Select(_ => (X: lon + (random.NextDouble() * w), Y: lat + (random.NextDouble() * h))).ToArray();
        var result = new Coordinate[count];
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                result[i] = new Coordinate(lon + (random.NextDouble() * w), lat + (random.NextDouble() * h));
                continue;
            }

            var c = centres[i % centres.Length];
            var r = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) / 20;
            var a = random.NextDouble() * 2 * Math.PI;
            result[i] = new Coordinate(Math.Clamp(c.X + (r * w * Math.Cos(a)), lon, lon + w), Math.Clamp(c.Y + (r * h * Math.Sin(a)), lat, lat + h));
        }

        return result;
    }
}
