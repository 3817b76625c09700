using System.Collections.Frozen;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Tiles;

/// <summary>
/// The storage side of every tile and map format: Mapbox Vector Tiles made by PostGIS, and the
/// features of a tile or of any box for the raster renderer (PNG tiles, WMTS, WMS). The SQL of each
/// tileset is built once from the catalog; a request binds only z/x/y or the box.
/// </summary>
/// <param name="draws">The properties the raster renderer reads (names and what colours depend on); the
/// others are not computed for raster features.</param>
public sealed class TileSource(NpgsqlDataSource dataSource, IReadOnlyList<string> draws)
{
    private static readonly FrozenDictionary<string, string> s_mvt =
        TileCatalog.Tilesets.ToFrozenDictionary(t => t, t => TileQuery.Build(TileCatalog.Find(t)!));

    private readonly FrozenDictionary<string, string> _features =
        TileCatalog.Tilesets.ToFrozenDictionary(t => t, t => TileQuery.BuildFeatures(TileCatalog.Find(t)!, draws));

    private static readonly FrozenDictionary<string, string> s_mvtAsOf =
        TileCatalog.Tilesets.ToFrozenDictionary(t => t, t => TileQuery.BuildAsOf(TileCatalog.Find(t)!));

    /// <summary>One feature as the renderer draws it: its layer, geometry (WKB, tile units) and the drawn
    /// properties it has, as text.</summary>
    public sealed record Row(string Layer, byte[] Wkb, IReadOnlyDictionary<string, string?> Properties);

    public static bool Has(string tileset) => s_mvt.ContainsKey(tileset);

    public async Task<byte[]> MvtAsync(string tileset, int z, int x, int y, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = await PreparedQuery.CreateAsync(connection, s_mvt[tileset], [z, x, y], ct).ConfigureAwait(false);
        return (byte[])(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Tile z/x/y of <paramref name="tileset"/> with the grids as they were at <paramref name="at"/>.</summary>
    public async Task<byte[]> MvtAsOfAsync(string tileset, int z, int x, int y, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = await PreparedQuery.CreateAsync(connection, s_mvtAsOf[tileset], [z, x, y, at.ToUniversalTime()], ct).ConfigureAwait(false);
        return (byte[])(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>The features of tile z/x/y of <paramref name="tileset"/>.</summary>
    public Task<IReadOnlyList<Row>> FeaturesAsync(string tileset, int z, int x, int y, CancellationToken ct) =>
        ReadAsync(_features[tileset], [z, x, y], ct);

    /// <summary>The features of <paramref name="layers"/> in a box of any CRS, at the generalisation of <paramref name="zoom"/>.</summary>
    public Task<IReadOnlyList<Row>> FeaturesInBoxAsync(IReadOnlyList<TileLayer> layers, int zoom, Envelope box, int srid, CancellationToken ct) =>
        ReadAsync(TileQuery.BuildFeaturesInBox(layers, draws), [zoom, box.MinX, box.MinY, box.MaxX, box.MaxY, srid], ct);

    private async Task<IReadOnlyList<Row>> ReadAsync(string sql, IReadOnlyList<object> args, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = await PreparedQuery.CreateAsync(connection, sql, args, ct).ConfigureAwait(false);
        var rows = new List<Row>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var properties = new Dictionary<string, string?>(draws.Count);
            for (var i = 0; i < draws.Count; i++)
            {
                if (!reader.IsDBNull(3 + i)) properties[draws[i]] = reader.GetString(3 + i);
            }

            rows.Add(new Row(reader.GetString(1), reader.GetFieldValue<byte[]>(2), properties));
        }

        return rows;
    }
}
