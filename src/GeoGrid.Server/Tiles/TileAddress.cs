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

        var (parameter, detail) = Refusal(z, x, y);
        return Http.Problems.BadParameter(parameter, detail);
    }

    /// <summary>The same check for handlers whose errors are not problem+json (WMTS answers OWS exceptions through the one mapping).</summary>
    public static void Ensure(int z, int x, int y)
    {
        if (Problem(z, x, y) is not null)
        {
            var (parameter, detail) = Refusal(z, x, y);
            throw new Http.ParameterException(parameter, detail);
        }
    }

    private static (string Parameter, string Detail) Refusal(int z, int x, int y) =>
        (z is < 0 or > TileCatalog.MaxZoom ? "z" : x < 0 || x >= 1 << z ? "x" : "y", $"no tile {z}/{x}/{y}: z runs from 0 to {TileCatalog.MaxZoom}, x and y from 0 to 2^z - 1");

    public static ProblemHttpResult NoSuchTileset(string tileset) => Http.Problems.NotFound($"no tileset '{Http.RequestGrammar.Shorten(tileset)}'; see /tiles");

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
