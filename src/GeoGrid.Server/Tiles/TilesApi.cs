using GeoGrid.Server.Http;
using GeoGrid.Storage.Tiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GeoGrid.Server.Tiles;

/// <summary>
/// Vector tiles: the list of tilesets at <c>/tiles</c>, TileJSON 3.0.0 at <c>/tiles/{tileset}.json</c>
/// and MVT at <c>/tiles/{tileset}/{z}/{x}/{y}.mvt</c>, rendered by PostGIS with SQL built once per
/// tileset, kept in the <see cref="TileCache"/>. Tiles carry an ETag of their content and answer 304
/// when it still matches.
/// </summary>
public static class TilesApi
{
    private const string MvtType = "application/vnd.mapbox-vector-tile";

    public static IEndpointRouteBuilder MapTilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles", List);
        app.MapGet("/tiles/{tileset}.json", TileJson);
        app.MapGet("/tiles/{tileset}/{z:int}/{x:int}/{y:int}.mvt", TileAsync);
        return app;
    }

    public static Ok<object> List(HttpRequest request) => TypedResults.Ok<object>(new
    {
        tilesets = TileCatalog.Tilesets.Select(t => new
        {
            id = t,
            title = t == TileCatalog.Composite ? "全部图层 all layers" : TileCatalog.Find(t)![0].Collection.Title,
            tilejson = $"{request.Scheme}://{request.Host}/tiles/{t}.json",
        }),
    });

    public static Results<Ok<object>, ProblemHttpResult> TileJson(string tileset, HttpRequest request)
    {
        if (TileCatalog.Find(tileset) is not { } layers)
        {
            return TileAddress.NoSuchTileset(tileset);
        }

        return TypedResults.Ok<object>(new Dictionary<string, object>
        {
            ["tilejson"] = "3.0.0",
            ["name"] = tileset,
            ["description"] = tileset == TileCatalog.Composite ? "GeoGrid: all layers" : layers[0].Collection.Description,
            ["scheme"] = "xyz",
            ["tiles"] = new[] { $"{request.Scheme}://{request.Host}/tiles/{tileset}/{{z}}/{{x}}/{{y}}.mvt" },
            ["minzoom"] = layers.Min(l => l.MinZoom),
            ["maxzoom"] = TileCatalog.MaxZoom,
            // Zhengzhou, and its centre at a zoom that shows the city.
            ["bounds"] = new[] { 112.7, 34.25, 114.25, 35.0 },
            ["center"] = new[] { 113.65, 34.76, 9 },
            ["vector_layers"] = layers.Select(l => new
            {
                id = l.Id,
                description = l.Collection.Title,
                minzoom = l.MinZoom,
                maxzoom = l.MaxZoom,
                fields = l.Collection.Properties.Where(p => l.Properties.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Type is "integer" or "number" ? "Number" : "String"),
            }),
        });
    }

    public static async Task TileAsync(string tileset, int z, int x, int y, HttpContext context, TileSource source, TileCache cache, CancellationToken ct)
    {
        if (!TileSource.Has(tileset))
        {
            await TileAddress.NoSuchTileset(tileset).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (TileAddress.Problem(z, x, y) is { } problem)
        {
            await problem.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // ?datetime= draws the grids as they were then (from their history); such tiles skip the cache.
        var tile = RequestGrammar.Instant(context.Request.Query, "datetime") is { } at
            ? new CachedTile(await source.MvtAsOfAsync(tileset, z, x, y, at, ct).ConfigureAwait(false))
            : await cache.GetOrRenderAsync(new TileKey(tileset, z, x, y, "mvt"), () => source.MvtAsync(tileset, z, x, y, ct)).ConfigureAwait(false);
        await TileAddress.SendAsync(context, tile, MvtType).ConfigureAwait(false);
    }
}
