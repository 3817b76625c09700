using System.Collections.Frozen;
using GeoGrid.Server.Tiles;
using GeoGrid.Storage;
using GeoGrid.Storage.Tiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace GeoGrid.Server.Raster;

/// <summary>
/// PNG tiles for clients that want images (Mapsui/BruTile, QGIS XYZ, WMTS): <c>/tiles/{tileset}/{z}/{x}/{y}.png</c>
/// at 256 px and <c>…/{y}@2x.png</c> at 512 px, drawn from the same features as the vector tile.
/// </summary>
public static class RasterTilesApi
{
    private static readonly FrozenDictionary<string, string> s_sql =
        TileCatalog.Tilesets.ToFrozenDictionary(t => t, t => TileQuery.BuildFeatures(TileCatalog.Find(t)!));

    public static IEndpointRouteBuilder MapRasterTilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/{tileset}/{z:int}/{x:int}/{y:int}.png", (string tileset, int z, int x, int y, HttpContext context, NpgsqlDataSource ds, TileCache cache, CancellationToken ct) => PngAsync(tileset, z, x, y, 256, context, ds, cache, ct));
        app.MapGet("/tiles/{tileset}/{z:int}/{x:int}/{y:int}@2x.png", (string tileset, int z, int x, int y, HttpContext context, NpgsqlDataSource ds, TileCache cache, CancellationToken ct) => PngAsync(tileset, z, x, y, 512, context, ds, cache, ct));
        return app;
    }

    public static async Task PngAsync(string tileset, int z, int x, int y, int size, HttpContext context, NpgsqlDataSource dataSource, TileCache cache, CancellationToken ct)
    {
        if (!s_sql.ContainsKey(tileset))
        {
            throw new Http.ProblemException(StatusCodes.Status404NotFound, $"no tileset '{Http.RequestGrammar.Shorten(tileset)}'; see /tiles", "layer");
        }

        TileAddress.Ensure(z, x, y);

        var png = await cache.GetOrRenderAsync(new TileKey(tileset, z, x, y, size == 256 ? "png" : "png@2x"), () => RenderAsync(dataSource, tileset, z, x, y, size, ct)).ConfigureAwait(false);
        await TileAddress.SendAsync(context, png, "image/png").ConfigureAwait(false);
    }

    public static async Task<byte[]> RenderAsync(NpgsqlDataSource dataSource, string tileset, int z, int x, int y, int size, CancellationToken ct) =>
        RasterRenderer.RenderPng(await ReadFeaturesAsync(dataSource, s_sql[tileset], [z, x, y], ct).ConfigureAwait(false), size, size, TileQuery.Extent, size / 256f);

    /// <summary>Runs a <see cref="TileQuery"/> feature query and parses its rows for the renderer.</summary>
    public static async Task<IReadOnlyList<RasterRenderer.TileFeature>> ReadFeaturesAsync(NpgsqlDataSource dataSource, string sql, IReadOnlyList<object> args, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = await PreparedQuery.CreateAsync(connection, sql, args, ct).ConfigureAwait(false);
        var features = new List<RasterRenderer.TileFeature>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                features.Add(RasterRenderer.Parse(reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetString(3)));
            }
        }

        return features;
    }
}
