using GeoGrid.Storage.Collections;

namespace GeoGrid.Storage.Tiles;

/// <summary>
/// Builds, once per tileset, the SQL that renders a tile in PostGIS: one <c>ST_AsMVT</c> per layer,
/// concatenated (MVT layers concatenate as bytes). Only z, x and y are parameters ($1, $2, $3); every
/// identifier and zoom limit comes from the catalog. Generalised layers read their shapes for the
/// tile's zoom from <c>tile_shapes</c> (EPSG:3857, GiST-indexed); the others filter the stored
/// geometry's GiST index through the tile envelope (with the 64-pixel buffer) moved into EPSG:4490.
/// </summary>
public static class TileQuery
{
    public const int Extent = 4096;
    public const int Buffer = 64;
    public const int LabelBuffer = Extent / 4;

    // Where a tile is: its envelope in 3857, the same widened by the render buffer, and its zoom. Tiles
    // read generalised layers from their per-zoom shapes, which are in 3857 already.
    private static readonly Frame s_tile = new("ST_TileEnvelope($1, $2, $3)", margin => $"ST_TileEnvelope($1, $2, $3, margin => {margin})", "$1", "3857", Shapes: true);

    // Where a map image (WMS) is: $1 zoom for the layers' ranges, $2..$5 the box in CRS $6.
    private static readonly Frame s_box = new("ST_MakeEnvelope($2, $3, $4, $5, $6)", margin => $"ST_Expand(ST_MakeEnvelope($2, $3, $4, $5, $6), greatest($4 - $2, $5 - $3) * {margin})", "$1", "$6", Shapes: true);

    // A tile of the map as it was at $4: layers with history read it (stored shapes, not generalised ones).
    private static readonly Frame s_tileAsOf = s_tile with { Shapes = false, AsOf = "$4" };

    public static string Build(IReadOnlyList<TileLayer> layers) => Mvt(layers, s_tile);

    /// <summary>Like <see cref="Build"/> with $4 an instant: layers whose collection keeps its history (grids) are drawn as they were then.</summary>
    public static string BuildAsOf(IReadOnlyList<TileLayer> layers) => Mvt(layers, s_tileAsOf);

    private static string Mvt(IReadOnlyList<TileLayer> layers, Frame frame) =>
        "SELECT " + string.Join(" || ", layers.Select(l =>
            $"COALESCE((SELECT ST_AsMVT(q, {SqlText.Literal(l.Id)}, {Extent}, 'geom', 'fid') FROM ({Source(l, frame)}) q WHERE q.geom IS NOT NULL), ''::bytea)"));

    /// <summary>The same features as <see cref="Build"/>, as rows for the raster renderer: layer id,
    /// WKB geometry in tile coordinates (0..<see cref="Extent"/>, y down) and then, as text, each of the
    /// properties the renderer <paramref name="draws"/> in that order (null where the layer has none). A
    /// property left out is not computed at all: the worker count of a grid is a subquery.</summary>
    public static string BuildFeatures(IReadOnlyList<TileLayer> layers, IReadOnlyList<string> draws) => Features(layers, s_tile, draws);

    /// <summary>Like <see cref="BuildFeatures"/> for any box: $1 zoom, $2..$5 minx, miny, maxx, maxy in
    /// the CRS whose SRID is $6; coordinates come out in 0..<see cref="Extent"/> of that box, y down.
    /// Shapes are the zoom's generalised ones, as in tiles.</summary>
    public static string BuildFeaturesInBox(IReadOnlyList<TileLayer> layers, IReadOnlyList<string> draws) => Features(layers, s_box, draws);

    private static string Features(IReadOnlyList<TileLayer> layers, Frame frame, IReadOnlyList<string> draws) =>
        string.Join("\nUNION ALL ", layers.Select((l, i) =>
        {
            var drawn = l with { Properties = l.Properties.Where(draws.Contains).ToList() };
            var columns = draws.Select(p => drawn.Properties.Contains(p) ? $", q.{SqlText.Identifier(p)}::text" : ", NULL::text");
            return $"(SELECT {i} AS ord, {SqlText.Literal(l.Id)} AS layer, ST_AsBinary(q.geom) AS geom{string.Concat(columns)} FROM ({Source(drawn, frame)}) q WHERE q.geom IS NOT NULL)";
        }))
        + "\nORDER BY ord";

    /// <summary>A layer's features in the tile: fid, geom in tile coordinates, and its tile properties.</summary>
    private static string Source(TileLayer l, Frame f)
    {
        var c = l.Collection;
        var expressions = c.Properties.Where(p => l.Properties.Contains(p.Name)).Select(p => $", {p.Expression} AS {SqlText.Identifier(p.Name)}");
        var buffered = f.Buffered(((double)l.Buffer / Extent).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Label points come from tile_shapes for any box (they are points: moving them is cheap), and are
        // found afresh only on the map as it was at some time.
        var shapes = l.LabelPoints ? f.AsOf is null : f.Shapes && l.Generalised;
        var where = new List<string>
        {
            $"{f.Zoom} BETWEEN {l.MinZoom} AND {l.MaxZoom}",
            shapes ? $"s.geom && {InSrid(buffered, f.Srid, "3857")}" : $"t.geom && ST_Transform({buffered}, 4490)",
        };
        if (c.Where is { } fixedCondition)
        {
            where.Add(fixedCondition);
        }

        if (l.DrawnWhen is { } drawnWhen)
        {
            where.Add(drawnWhen);
        }

        var geometry = shapes ? InSrid("s.geom", "3857", f.Srid) : $"ST_Transform({(l.LabelPoints ? "ST_PointOnSurface(t.geom)" : "t.geom")}, {f.Srid})";
        var from = shapes ? TileShapes.Join(l, f.Zoom)
            : f.AsOf is { } at && c.AsOf is { } history ? $"{SqlText.Identifier(history)}({at}) t"
            : $"{SqlText.Identifier(c.Table)} t";
        return $"SELECT {l.IdExpression} AS fid, ST_AsMVTGeom({geometry}, {f.Envelope}, {Extent}, {l.Buffer}, true) AS geom{string.Concat(expressions)}"
            + $" FROM {from} WHERE {string.Join(" AND ", where)}";
    }

    private static string InSrid(string geometry, string from, string to) => from == to ? geometry : $"ST_Transform({geometry}, {to})";

    /// <summary>Where features are drawn: the envelope, the same widened by a margin (a fraction of its size),
    /// the zoom, the SRID the envelope is in, and whether generalised shapes or a past instant are read.</summary>
    private sealed record Frame(string Envelope, Func<string, string> Buffered, string Zoom, string Srid, bool Shapes, string? AsOf = null);
}
