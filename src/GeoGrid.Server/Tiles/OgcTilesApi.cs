using GeoGrid.Storage.Tiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GeoGrid.Server.Tiles;

/// <summary>
/// OGC API – Tiles (core, tilesets list, tile matrix set) over the same vector tiles: dataset tiles at
/// <c>/ogc/tiles</c> (all layers) and collection tiles at <c>/ogc/collections/{id}/tiles</c>.
/// </summary>
public static class OgcTilesApi
{
    private const string Mvt = "application/vnd.mapbox-vector-tile";

    public static IEndpointRouteBuilder MapOgcTilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ogc/tileMatrixSets", (HttpRequest r) => TypedResults.Ok<object>(new
        {
            tileMatrixSets = new[] { new { id = WebMercatorQuad.Id, title = "Google Maps Compatible for the World", uri = WebMercatorQuad.Uri, links = new[] { Link(r, $"/ogc/tileMatrixSets/{WebMercatorQuad.Id}", "self", "application/json") } } },
        }));
        app.MapGet("/ogc/tileMatrixSets/{id}", MatrixSet);
        app.MapGet("/ogc/tiles", (HttpRequest r) => TilesetList(r, TileCatalog.Composite, "/ogc/tiles"));
        app.MapGet("/ogc/tiles/{matrixSet}", (string matrixSet, HttpRequest r) => Tileset(r, TileCatalog.Composite, "/ogc/tiles", matrixSet));
        app.MapGet("/ogc/tiles/{matrixSet}/{z:int}/{y:int}/{x:int}", (string matrixSet, int z, int y, int x, HttpContext c, TileSource ds, TileCache cache, CancellationToken ct) =>
            TileAsync(TileCatalog.Composite, matrixSet, z, x, y, c, ds, cache, ct));
        app.MapGet("/ogc/collections/{collectionId}/tiles", (string collectionId, HttpRequest r) => TilesetList(r, collectionId, $"/ogc/collections/{collectionId}/tiles"));
        app.MapGet("/ogc/collections/{collectionId}/tiles/{matrixSet}", (string collectionId, string matrixSet, HttpRequest r) => Tileset(r, collectionId, $"/ogc/collections/{collectionId}/tiles", matrixSet));
        app.MapGet("/ogc/collections/{collectionId}/tiles/{matrixSet}/{z:int}/{y:int}/{x:int}", (string collectionId, string matrixSet, int z, int y, int x, HttpContext c, TileSource ds, TileCache cache, CancellationToken ct) =>
            TileAsync(collectionId, matrixSet, z, x, y, c, ds, cache, ct));
        return app;
    }

    public static Results<Ok<object>, ProblemHttpResult> MatrixSet(string id) => id != WebMercatorQuad.Id ? NoSuchMatrixSet(id) : TypedResults.Ok<object>(new
    {
        id = WebMercatorQuad.Id,
        title = "Google Maps Compatible for the World",
        uri = WebMercatorQuad.Uri,
        crs = "http://www.opengis.net/def/crs/EPSG/0/3857",
        orderedAxes = new[] { "X", "Y" },
        tileMatrices = Enumerable.Range(0, TileCatalog.MaxZoom + 1).Select(z => new
        {
            id = z.ToString(System.Globalization.CultureInfo.InvariantCulture),
            scaleDenominator = WebMercatorQuad.ScaleDenominator(z),
            cellSize = WebMercatorQuad.CellSize(z),
            cornerOfOrigin = "topLeft",
            pointOfOrigin = new[] { -WebMercatorQuad.Origin, WebMercatorQuad.Origin },
            tileWidth = 256,
            tileHeight = 256,
            matrixWidth = 1L << z,
            matrixHeight = 1L << z,
        }),
    });

    private static Results<Ok<object>, ProblemHttpResult> TilesetList(HttpRequest r, string tileset, string basePath) =>
        TileCatalog.Find(tileset) is null ? TileAddress.NoSuchTileset(tileset) : TypedResults.Ok<object>(new
        {
            tilesets = new[] { Describe(r, tileset, basePath) },
        });

    private static Results<Ok<object>, ProblemHttpResult> Tileset(HttpRequest r, string tileset, string basePath, string matrixSet) =>
        TileCatalog.Find(tileset) is null ? TileAddress.NoSuchTileset(tileset)
        : matrixSet != WebMercatorQuad.Id ? NoSuchMatrixSet(matrixSet)
        : TypedResults.Ok(Describe(r, tileset, basePath));

    private static object Describe(HttpRequest r, string tileset, string basePath) => new
    {
        title = tileset,
        dataType = "vector",
        crs = "http://www.opengis.net/def/crs/EPSG/0/3857",
        tileMatrixSetURI = WebMercatorQuad.Uri,
        layers = TileCatalog.Find(tileset)!.Select(l => new { id = l.Id, title = l.Collection.Title, minTileMatrix = l.MinZoom.ToString(System.Globalization.CultureInfo.InvariantCulture), maxTileMatrix = l.MaxZoom.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        links = new[]
        {
            Link(r, $"{basePath}/{WebMercatorQuad.Id}", "self", "application/json"),
            Link(r, $"/ogc/tileMatrixSets/{WebMercatorQuad.Id}", "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme", "application/json"),
            new { href = $"{r.Scheme}://{r.Host}{basePath}/{WebMercatorQuad.Id}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}", rel = "item", type = Mvt, templated = true },
        },
    };

    private static async Task TileAsync(string tileset, string matrixSet, int z, int x, int y, HttpContext context, TileSource ds, TileCache cache, CancellationToken ct)
    {
        if (matrixSet != WebMercatorQuad.Id)
        {
            await NoSuchMatrixSet(matrixSet).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await TilesApi.TileAsync(tileset, z, x, y, context, ds, cache, ct).ConfigureAwait(false);
    }

    private static object Link(HttpRequest r, string path, string rel, string type) => new { href = $"{r.Scheme}://{r.Host}{path}", rel, type, templated = false };

    private static ProblemHttpResult NoSuchMatrixSet(string id) =>
        Http.Problems.NotFound($"no tile matrix set '{Http.RequestGrammar.Shorten(id)}'; GeoGrid serves {WebMercatorQuad.Id}");
}
