namespace GeoGrid.Server.Tiles;

/// <summary>A tile of a tileset in one format (mvt, png, png@2x).</summary>
public sealed record TileKey(string Tileset, int Z, int X, int Y, string Format);
