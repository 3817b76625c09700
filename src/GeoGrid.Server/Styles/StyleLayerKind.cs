namespace GeoGrid.Server.Styles;

/// <summary>How a style layer draws its features.</summary>
public enum StyleLayerKind
{
    Fill,
    Line,
    Circle,
    Label,
}
