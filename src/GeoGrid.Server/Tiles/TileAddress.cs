using GeoGrid.Storage.Tiles;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GeoGrid.Server.Tiles;

/// <summary>Checks a z/x/y against the GoogleMapsCompatible pyramid; one check for every tile format.</summary>
public static class TileAddress
{
    public static ProblemHttpResult? Problem(int z, int x, int y)
    {
        if (z is >= 0 and <= TileCatalog.MaxZoom && x >= 0 && y >= 0 && x < 1 << z && y < 1 << z)
        {
            return null;
        }

        var parameter = z is < 0 or > TileCatalog.MaxZoom ? "z" : x < 0 || x >= 1 << z ? "x" : "y";
        return TypedResults.Problem($"no tile {z}/{x}/{y}: z runs from 0 to {TileCatalog.MaxZoom}, x and y from 0 to 2^z - 1", statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
    }

    public static ProblemHttpResult NoSuchTileset(string tileset) =>
        TypedResults.Problem($"no tileset '{tileset}'; see /tiles", statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// Sends a tile with its ETag, or 304 when the client has it already. Vector tiles go gzipped to
    /// clients that accept it (PNG is compressed already).
    /// </summary>
    public static async Task SendAsync(HttpContext context, CachedTile tile, string contentType)
    {
        var gzip = contentType != "image/png" && tile.Body.Length > 256 && AcceptsGzip(context.Request);
        var etag = gzip ? tile.GzipETag : tile.ETag;
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.Vary = "Accept-Encoding";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = contentType;
        if (gzip)
        {
            context.Response.Headers.ContentEncoding = "gzip";
        }

        await context.Response.Body.WriteAsync(gzip ? tile.Gzip : tile.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
}
