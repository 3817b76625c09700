namespace GeoGrid.Server.Tiles;

/// <summary>The GoogleMapsCompatible / WebMercatorQuad tile matrix set (OGC 17-083r4 Annex D), shared
/// by WMTS and OGC API – Tiles.</summary>
public static class WebMercatorQuad
{
    public const string Id = "WebMercatorQuad";
    public const string Uri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    public const double Origin = 20037508.3427892;

    // Scale denominator of level 0 for 256-pixel tiles and the standard 0.28 mm pixel.
    public const double Level0Scale = 559082264.0287178;

    public static double ScaleDenominator(int z) => Level0Scale / (1L << z);

    public static double CellSize(int z) => 2 * Origin / 256 / (1L << z);
}
