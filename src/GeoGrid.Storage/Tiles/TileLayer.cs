using GeoGrid.Storage.Collections;

namespace GeoGrid.Storage.Tiles;

/// <summary>
/// A collection as a vector-tile layer: the zooms it appears at, the integer feature id MVT wants, and
/// the properties a viewer needs (a subset of the collection's, by name). Layers with many small
/// features start at a zoom where a tile holds few enough of them; nothing is cut off inside a tile.
/// <see cref="Generalised"/> layers (polygons and lines) are drawn from per-zoom shapes in
/// <c>tile_shapes</c> (see <see cref="TileShapes"/>).
/// </summary>
public sealed record TileLayer(Collection Collection, int MinZoom, int MaxZoom, string IdExpression, IReadOnlyList<string> Properties, bool Generalised = false)
{
    public string Id => Collection.Id;
}
