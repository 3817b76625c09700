using GeoGrid.Storage.Collections;

namespace GeoGrid.Storage.Tiles;

/// <summary>
/// Builds, once per tileset, the SQL that renders a tile in PostGIS: one <c>ST_AsMVT</c> per layer,
/// concatenated (MVT layers concatenate as bytes). Only z, x and y are parameters ($1, $2, $3); every
/// identifier and zoom limit comes from the catalog. The spatial filter uses the stored geometry's
/// GiST index through the tile envelope (with the 64-pixel buffer) moved into EPSG:4490.
/// </summary>
public static class TileQuery
{
    public const int Extent = 4096;
    public const int Buffer = 64;

    public static string Build(IReadOnlyList<TileLayer> layers) =>
        "SELECT " + string.Join(" || ", layers.Select(l =>
            $"COALESCE((SELECT ST_AsMVT(q, {SqlText.Literal(l.Id)}, {Extent}, 'geom', 'fid') FROM ({Source(l)}) q WHERE q.geom IS NOT NULL), ''::bytea)"));

    /// <summary>The same features as <see cref="Build"/>, as rows for the raster renderer: layer id,
    /// WKB geometry in tile coordinates (0..<see cref="Extent"/>, y down) and the properties as JSON.</summary>
    public static string BuildFeatures(IReadOnlyList<TileLayer> layers) =>
        string.Join("\nUNION ALL ", layers.Select((l, i) =>
            $"(SELECT {i} AS ord, {SqlText.Literal(l.Id)} AS layer, ST_AsBinary(q.geom) AS geom, (to_jsonb(q) - 'geom' - 'fid')::text AS props FROM ({Source(l)}) q WHERE q.geom IS NOT NULL)"))
        + "\nORDER BY ord";

    /// <summary>A layer's features in the tile: fid, geom in tile coordinates, and its tile properties.</summary>
    private static string Source(TileLayer l)
    {
        var c = l.Collection;
        var expressions = c.Properties.Where(p => l.Properties.Contains(p.Name)).Select(p => $"{p.Expression} AS {SqlText.Identifier(p.Name)}");
        var where = new List<string>
        {
            $"$1 BETWEEN {l.MinZoom} AND {l.MaxZoom}",
            $"t.geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => {(double)Buffer / Extent}), 4490)",
        };
        if (c.Where is { } fixedCondition)
        {
            where.Add(fixedCondition);
        }

        return $"SELECT {l.IdExpression} AS fid, ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope($1, $2, $3), {Extent}, {Buffer}, true) AS geom, {string.Join(", ", expressions)}"
            + $" FROM {SqlText.Identifier(c.Table)} t WHERE {string.Join(" AND ", where)}";
    }
}
