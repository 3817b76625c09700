using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace GeoGrid.Core.Crs;

/// <summary>
/// Moves coordinates and geometries between the CRSs GeoGrid supports, through ProjNET. Every transform
/// goes through one hub, longitude/latitude on CGCS2000 ≡ WGS 84: the two datums differ by centimetres
/// and EPSG's own CGCS2000→WGS 84 transformation is a null one, which PostGIS/PROJ apply too.
/// </summary>
public static class Reprojector
{
    private const string Cgcs2000Wkt =
        "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"1024\"]],AUTHORITY[\"EPSG\",\"1043\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4490\"]]";

    private const string Gk114Wkt =
        "PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger CM 114E\"," + Cgcs2000Wkt +
        ",PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",114],PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AUTHORITY[\"EPSG\",\"4547\"]]";

    // One set per thread: imports prepare features on every core, and ProjNET does not promise that a
    // MathTransform may be shared between threads.
    private static readonly ThreadLocal<MathTransform> s_gk114Forward = new(() => ProjectionFromItsBase(Gk114Wkt));
    private static readonly ThreadLocal<MathTransform> s_gk114Inverse = new(() => ProjectionFromItsBase(Gk114Wkt).Inverse());
    private static readonly ThreadLocal<MathTransform> s_mercatorForward = new(() => ProjectionFromItsBase(ProjectedCoordinateSystem.WebMercator));
    private static readonly ThreadLocal<MathTransform> s_mercatorInverse = new(() => ProjectionFromItsBase(ProjectedCoordinateSystem.WebMercator).Inverse());

    public static (double X, double Y) Transform(double x, double y, Crs from, Crs to)
    {
        if (from == to)
        {
            return (x, y);
        }

        var (lon, lat) = ToHub(x, y, from);
        return FromHub(lon, lat, to);
    }

    /// <summary>A copy of <paramref name="geometry"/> in <paramref name="to"/>, its SRID set to match.</summary>
    public static Geometry Transform(Geometry geometry, Crs from, Crs to)
    {
        var copy = from == to ? geometry.Copy() : CoordinateMap.Apply(geometry, (x, y) => Transform(x, y, from, to));

        copy.SRID = to == Crs.Gcj02 ? 0 : (int)to;
        return copy;
    }

    private static (double Lon, double Lat) ToHub(double x, double y, Crs from) => from switch
    {
        Crs.Epsg4326 or Crs.Epsg4490 => (x, y),
        Crs.Gcj02 => Gcj02.ToWgs84(x, y),
        Crs.Epsg4547 => s_gk114Inverse.Value!.Transform(x, y),
        Crs.Epsg3857 => s_mercatorInverse.Value!.Transform(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(from)),
    };

    private static (double X, double Y) FromHub(double lon, double lat, Crs to) => to switch
    {
        Crs.Epsg4326 or Crs.Epsg4490 => (lon, lat),
        Crs.Gcj02 => Gcj02.FromWgs84(lon, lat),
        Crs.Epsg4547 => s_gk114Forward.Value!.Transform(lon, lat),
        Crs.Epsg3857 => s_mercatorForward.Value!.Transform(lon, lat),
        _ => throw new ArgumentOutOfRangeException(nameof(to)),
    };

    private static MathTransform ProjectionFromItsBase(string wkt) =>
        ProjectionFromItsBase((ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(wkt));

    // Taking the projection from its own base GEOGCS keeps ProjNET from attempting a datum shift.
    private static MathTransform ProjectionFromItsBase(ProjectedCoordinateSystem pcs) =>
        new CoordinateTransformationFactory().CreateFromCoordinateSystems(pcs.GeographicCoordinateSystem, pcs).MathTransform;
}
