namespace GeoGrid.Server.Styles;

/// <summary>One drawing instruction of the GeoGrid map: a tile layer drawn as fill, line, circle or
/// label. <see cref="Size"/> is the line width, circle radius or text size in pixels.</summary>
public sealed record StyleLayer(string Id, string SourceLayer, StyleLayerKind Kind, ColorRule Color, double Size = 1, double Opacity = 1);
