namespace GeoGrid.Server.Styles;

/// <summary>The kind of geometry a style layer is limited to, as MapLibre's <c>geometry-type</c> names it.</summary>
public enum StyleGeometry
{
    Point,
    Polygon,
}
