using GeoGrid.Storage.Collections;

namespace GeoGrid.Storage.Tiles;

/// <summary>
/// A collection as a vector-tile layer: the zooms it appears at, the integer feature id MVT wants, and
/// the properties a viewer needs (a subset of the collection's, by name). Layers with many small
/// features start at a zoom where a tile holds few enough of them; nothing is cut off inside a tile.
/// <see cref="Generalised"/> layers (polygons and lines) are drawn from per-zoom shapes in
/// <c>tile_shapes</c> (see <see cref="TileShapes"/>). A <see cref="LabelPoints"/> layer holds one point
/// per polygon of its collection, where its name goes: a polygon cut by tile edges would otherwise be
/// labelled once per tile it touches, and a raster label cut at the edge. The polygons of a
/// <see cref="Coverage"/> layer tile the plane without gaps or overlaps (one level of areas or grids),
/// and are generalised as one coverage so that they still do at every zoom.
/// </summary>
public sealed record TileLayer(Collection Collection, int MinZoom, int MaxZoom, string IdExpression, IReadOnlyList<string> Properties, bool Generalised = false, bool LabelPoints = false, bool Coverage = false)
{
    /// <summary>The tileset the layer belongs to besides the composite: its collection's, unless it summarises
    /// another collection (the report counts belong with the reports).</summary>
    public string Tileset { get; init; } = Collection.Id;

    /// <summary>A condition on <c>t</c> a feature must meet to be drawn, beyond its collection's: checked when a
    /// tile is drawn, not when shapes are built (a grid's report count changes without its shape).</summary>
    public string? DrawnWhen { get; init; }

    /// <summary>How far around a tile its features are kept, in tile units of 4096: label points from a
    /// quarter tile away, so a label whose text reaches into the tile is drawn there whole.</summary>
    public int Buffer => LabelPoints ? TileQuery.LabelBuffer : TileQuery.Buffer;

    public string Id => LabelPoints && Tileset == Collection.Id ? Collection.Id + "-labels" : Collection.Id;
}
