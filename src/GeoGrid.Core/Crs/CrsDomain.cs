using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Crs;

/// <summary>
/// Where each CRS's coordinates mean something. A box or geometry outside it is refused before any
/// transformation: ProjNET and PostGIS turn 1e20 m in a Gauss-Krüger CRS into NaN or an exception.
/// </summary>
public static class CrsDomain
{
    // Web Mercator's square: ±π·R.
    private const double MercatorHalf = 20_037_508.342789244;

    /// <summary>The coordinates <paramref name="crs"/> accepts, x = longitude/easting.</summary>
    /// <remarks>EPSG:4547 (CM 114°E) is defined for 112.5–115.5°E; the domain is wider (about 105–123°E
    /// at the equator, the northern hemisphere up to the pole) so that boxes drawn around Henan on any map
    /// pass, while nothing reaches the distances where the projection degenerates.</remarks>
    public static Envelope Of(Crs crs) => crs switch
    {
        Crs.Epsg4326 or Crs.Epsg4490 or Crs.Gcj02 => new Envelope(-180, 180, -90, 90),
        Crs.Epsg3857 => new Envelope(-MercatorHalf, MercatorHalf, -MercatorHalf, MercatorHalf),
        Crs.Epsg4547 => new Envelope(-500_000, 1_500_000, 0, 10_000_000),
        _ => throw new ArgumentOutOfRangeException(nameof(crs)),
    };

    /// <summary>Why <paramref name="geometry"/> (in <paramref name="crs"/>) cannot be used, or null.</summary>
    public static string? Check(Geometry geometry, Crs crs)
    {
        var domain = Of(crs);
        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y))
            {
                return "coordinates must be finite numbers";
            }

            if (!domain.Contains(c.X, c.Y))
            {
                return $"({c.X:R} {c.Y:R}) is outside what {CrsNames.Name(crs)} covers ({Describe(domain)})";
            }
        }

        return null;
    }

    public static string Describe(Envelope e) => $"x {e.MinX:R}…{e.MaxX:R}, y {e.MinY:R}…{e.MaxY:R}";
}
