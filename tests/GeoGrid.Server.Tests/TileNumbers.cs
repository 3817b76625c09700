namespace GeoGrid.Server.Tests;

/// <summary>The XYZ (WebMercatorQuad) tile that holds a lon/lat point at a zoom, as a client computes it.</summary>
public static class TileNumbers
{
    public static (int X, int Y) Of(double lon, double lat, int z)
    {
        var n = 1 << z;
        var r = lat * Math.PI / 180;
        return ((int)((lon + 180) / 360 * n), (int)((1 - Math.Log(Math.Tan(r) + 1 / Math.Cos(r)) / Math.PI) / 2 * n));
    }
}
