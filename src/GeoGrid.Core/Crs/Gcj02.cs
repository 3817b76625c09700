namespace GeoGrid.Core.Crs;

/// <summary>
/// GCJ-02 ⇄ WGS 84. GCJ-02 is a published-by-leak nonlinear offset (up to ~700 m) that Chinese consumer
/// maps (Amap/高德, Tencent) apply to WGS 84; no PROJ pipeline exists, so the formula lives here. The
/// offset applies only inside China's rough bounding box, as every implementation does.
/// </summary>
public static class Gcj02
{
    // Krasovsky 1940 ellipsoid, as the GCJ-02 algorithm uses.
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;

    public static bool IsInChina(double lon, double lat) => lon is >= 72.004 and <= 137.8347 && lat is >= 0.8293 and <= 55.8271;

    public static (double Lon, double Lat) FromWgs84(double lon, double lat)
    {
        if (!IsInChina(lon, lat))
        {
            return (lon, lat);
        }

        var (dLon, dLat) = Offset(lon, lat);
        return (lon + dLon, lat + dLat);
    }

    /// <summary>Inverts the offset by fixed-point iteration; converges to 1e-12° in a few steps because
    /// the offset varies slowly (its derivative is below 1e-3).</summary>
    public static (double Lon, double Lat) ToWgs84(double lon, double lat)
    {
        if (!IsInChina(lon, lat))
        {
            return (lon, lat);
        }

        double wLon = lon, wLat = lat;
        for (var i = 0; i < 30; i++)
        {
            var (gLon, gLat) = FromWgs84(wLon, wLat);
            var eLon = gLon - lon;
            var eLat = gLat - lat;
            wLon -= eLon;
            wLat -= eLat;
            if (Math.Abs(eLon) < 1e-12 && Math.Abs(eLat) < 1e-12)
            {
                break;
            }
        }

        return (wLon, wLat);
    }

    private static (double DLon, double DLat) Offset(double lon, double lat)
    {
        var x = lon - 105.0;
        var y = lat - 35.0;
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        dLat += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        dLat += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        dLat += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        dLon += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        dLon += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        dLon += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;

        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - Ee * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }
}
