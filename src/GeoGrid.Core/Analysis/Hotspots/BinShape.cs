namespace GeoGrid.Core.Analysis.Hotspots;

public enum BinShape
{
    Hexagon,
    Square,
}
