using System.Globalization;
using GeoGrid.Server.Raster;
using GeoGrid.Server.Tiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using GeoGrid.Storage.Tiles;

namespace GeoGrid.Server.Wmts;

/// <summary>WMTS 1.0.0: capabilities and GetTile in KVP (<c>/wmts?…</c>) and REST encodings.</summary>
public static class WmtsApi
{
    public static IEndpointRouteBuilder MapWmtsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wmts", KvpAsync);
        app.MapGet("/wmts/1.0.0/WMTSCapabilities.xml", (HttpContext context) => CapabilitiesAsync(context));
        app.MapGet("/wmts/1.0.0/{layer}/{style}/{matrixSet}/{z:int}/{y:int}/{x:int}.png",
            (string layer, string style, string matrixSet, int z, int y, int x, HttpContext context, TileSource ds, TileCache cache, CancellationToken ct) =>
                matrixSet == WmtsCapabilities.MatrixSet
                    ? RasterTilesApi.PngAsync(layer, z, x, y, 256, context, ds, cache, ct)
                    : ExceptionAsync(context, "InvalidParameterValue", "tilematrixset", $"unknown tile matrix set '{matrixSet}'"));
        return app;
    }

    public static Task KvpAsync(HttpContext context, TileSource dataSource, TileCache cache, CancellationToken ct)
    {
        // KVP parameter names are case-insensitive (OGC 07-057r7 §8.1.1).
        var q = context.Request.Query.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value.ToString());
        var request = q.GetValueOrDefault("request") ?? string.Empty;
        if (request.Equals("GetCapabilities", StringComparison.OrdinalIgnoreCase))
        {
            return CapabilitiesAsync(context);
        }

        if (!request.Equals("GetTile", StringComparison.OrdinalIgnoreCase))
        {
            return ExceptionAsync(context, "OperationNotSupported", "request", $"request must be GetCapabilities or GetTile, not '{request}'");
        }

        foreach (var required in new[] { "layer", "tilematrixset", "tilematrix", "tilerow", "tilecol" })
        {
            if (string.IsNullOrEmpty(q.GetValueOrDefault(required)))
            {
                return ExceptionAsync(context, "MissingParameterValue", required, $"GetTile needs {required}");
            }
        }

        if (q["tilematrixset"] != WmtsCapabilities.MatrixSet)
        {
            return ExceptionAsync(context, "InvalidParameterValue", "tilematrixset", $"unknown tile matrix set '{q["tilematrixset"]}'");
        }

        if (!int.TryParse(q["tilematrix"], NumberStyles.None, CultureInfo.InvariantCulture, out var z)
            || !int.TryParse(q["tilerow"], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(q["tilecol"], NumberStyles.None, CultureInfo.InvariantCulture, out var x))
        {
            return ExceptionAsync(context, "InvalidParameterValue", "tilematrix", "tilematrix, tilerow and tilecol are whole numbers");
        }

        return RasterTilesApi.PngAsync(q["layer"], z, x, y, 256, context, dataSource, cache, ct);
    }

    private static async Task CapabilitiesAsync(HttpContext context)
    {
        context.Response.ContentType = "application/xml; charset=utf-8";
        var doc = WmtsCapabilities.Build($"{context.Request.Scheme}://{context.Request.Host}");
        await context.Response.WriteAsync(doc.Declaration + doc.ToString(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>An OWS exception report, the error format WMTS clients expect.</summary>
    private static Task ExceptionAsync(HttpContext context, string code, string locator, string message) =>
        Http.OwsExceptions.WriteAsync(context, StatusCodes.Status400BadRequest, code, locator, message);
}
