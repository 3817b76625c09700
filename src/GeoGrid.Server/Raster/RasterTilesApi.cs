using GeoGrid.Server.Tiles;
using GeoGrid.Storage.Tiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GeoGrid.Server.Raster;

/// <summary>
/// PNG tiles for clients that want images (Mapsui/BruTile, QGIS XYZ, WMTS): <c>/tiles/{tileset}/{z}/{x}/{y}.png</c>
/// at 256 px and <c>…/{y}@2x.png</c> at 512 px, drawn from the same features as the vector tile.
/// </summary>
public static class RasterTilesApi
{
    public static IEndpointRouteBuilder MapRasterTilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/{tileset}/{z:int}/{x:int}/{y:int}.png", (string tileset, int z, int x, int y, HttpContext context, TileSource ds, TileCache cache, CancellationToken ct) => PngAsync(tileset, z, x, y, 256, context, ds, cache, ct));
        app.MapGet("/tiles/{tileset}/{z:int}/{x:int}/{y:int}@2x.png", (string tileset, int z, int x, int y, HttpContext context, TileSource ds, TileCache cache, CancellationToken ct) => PngAsync(tileset, z, x, y, 512, context, ds, cache, ct));
        return app;
    }

    public static async Task PngAsync(string tileset, int z, int x, int y, int size, HttpContext context, TileSource source, TileCache cache, CancellationToken ct)
    {
        if (!TileSource.Has(tileset))
        {
            throw new Http.ProblemException(StatusCodes.Status404NotFound, $"no tileset '{Http.RequestGrammar.Shorten(tileset)}'; see /tiles", "layer");
        }

        TileAddress.Ensure(z, x, y);

        var png = await cache.GetOrRenderAsync(new TileKey(tileset, z, x, y, size == 256 ? "png" : "png@2x"), () => RenderAsync(source, tileset, z, x, y, size, ct)).ConfigureAwait(false);
        await TileAddress.SendAsync(context, png, "image/png").ConfigureAwait(false);
    }

    /// <summary>
    /// A tile of one layer is transparent where it has nothing, so a client can stack it over another
    /// map; the composite <c>geogrid</c> tileset is the base map and keeps its land colour.
    /// </summary>
    public static async Task<byte[]> RenderAsync(TileSource source, string tileset, int z, int x, int y, int size, CancellationToken ct) =>
        RasterRenderer.RenderPng(Parse(await source.FeaturesAsync(tileset, z, x, y, ct).ConfigureAwait(false)), size, size, TileQuery.Extent, z, size / 256f,
            transparent: tileset != Storage.Tiles.TileCatalog.Composite);

    /// <summary>Rows of the tile source as the renderer draws them.</summary>
    public static IReadOnlyList<RasterRenderer.TileFeature> Parse(IReadOnlyList<TileSource.Row> rows) =>
        rows.Select(r => RasterRenderer.Parse(r.Layer, r.Wkb, r.Properties)).ToList();
}
