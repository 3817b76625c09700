using NetTopologySuite.Geometries;

namespace GeoGrid.Server.Styles;

/// <summary>One drawing instruction of the GeoGrid map: a tile layer drawn as fill, line, circle or
/// label. <see cref="Size"/> is the line width, circle radius or text size in pixels. The layer is drawn
/// from <see cref="MinZoom"/> up to, not including, <see cref="MaxZoom"/> (MapLibre's rule), and only for
/// features of <see cref="Geometry"/> when set (a layer mixing points and polygons, like 四乱 sites).</summary>
public sealed record StyleLayer(string Id, string SourceLayer, StyleLayerKind Kind, ColorRule Color, double Size = 1, double Opacity = 1,
    int MinZoom = 0, int MaxZoom = 24, StyleGeometry? Geometry = null)
{
    public bool AppliesAt(int zoom) => zoom >= MinZoom && zoom < MaxZoom;

    public bool Draws(Geometry geometry) => Geometry switch
    {
        StyleGeometry.Point => geometry is Point or MultiPoint,
        StyleGeometry.Polygon => geometry is Polygon or MultiPolygon,
        _ => true,
    };
}
