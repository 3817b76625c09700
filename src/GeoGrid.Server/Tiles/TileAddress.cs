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

    /// <summary>Sets a content ETag and answers 304 when the client has it; true when the body must be sent.</summary>
    public static bool SendUnlessCached(HttpContext context, byte[] body)
    {
        var etag = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 12))}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return false;
        }

        return true;
    }
}
