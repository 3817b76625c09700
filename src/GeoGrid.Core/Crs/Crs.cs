namespace GeoGrid.Core.Crs;

/// <summary>
/// A coordinate reference system GeoGrid accepts and emits. GCJ-02 (the "Mars" datum of Chinese
/// consumer maps, 火星坐标) has no EPSG code: it is an obfuscation of WGS 84, accepted on import only.
/// </summary>
public enum Crs
{
    /// <summary>WGS 84 longitude/latitude.</summary>
    Epsg4326 = 4326,

    /// <summary>CGCS2000 (国家2000) longitude/latitude: the store's CRS.</summary>
    Epsg4490 = 4490,

    /// <summary>CGCS2000 / 3-degree Gauss-Kruger CM 114E, metres.</summary>
    Epsg4547 = 4547,

    /// <summary>Web Mercator, metres: what tiles use.</summary>
    Epsg3857 = 3857,

    /// <summary>GCJ-02, the shifted WGS 84 of Chinese consumer maps.</summary>
    Gcj02 = -2,
}
