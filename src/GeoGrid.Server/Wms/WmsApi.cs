using System.Globalization;
using System.Text;
using System.Xml.Linq;
using GeoGrid.Core.Crs;
using GeoGrid.Server.Http;
using GeoGrid.Server.Raster;
using GeoGrid.Storage.Collections;
using GeoGrid.Storage.Collections.Cql;
using GeoGrid.Storage.Tiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetTopologySuite.Geometries;

namespace GeoGrid.Server.Wms;

/// <summary>
/// WMS 1.3.0 at <c>/wms</c>: GetCapabilities, GetMap (PNG, any box in CRS:84, EPSG:4326/4490 with
/// latitude first as 1.3.0 wants, 4547 or 3857, drawn with the map style) and GetFeatureInfo (GeoJSON
/// of the features under the pixel). Errors are WMS ServiceExceptionReports.
/// </summary>
public static class WmsApi
{
    private const int MaxSize = 4096;

    public static IEndpointRouteBuilder MapWmsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wms", HandleAsync);
        return app;
    }

    public static async Task HandleAsync(HttpContext context, TileSource tiles, FeatureStore store, CancellationToken ct)
    {
        var q = context.Request.Query.ToDictionary(p => p.Key.ToUpperInvariant(), p => p.Value.ToString());
        try
        {
            switch (q.GetValueOrDefault("REQUEST")?.ToUpperInvariant())
            {
                case "GETCAPABILITIES":
                    context.Response.ContentType = "text/xml; charset=utf-8";
                    var doc = WmsCapabilities.Build($"{context.Request.Scheme}://{context.Request.Host}");
                    await context.Response.WriteAsync(doc.Declaration + doc.ToString(), ct).ConfigureAwait(false);
                    break;
                case "GETMAP":
                    await GetMapAsync(q, context, tiles, ct).ConfigureAwait(false);
                    break;
                case "GETFEATUREINFO":
                    await GetFeatureInfoAsync(q, context, store, ct).ConfigureAwait(false);
                    break;
                default:
                    throw new WmsException("OperationNotSupported", "REQUEST must be GetCapabilities, GetMap or GetFeatureInfo");
            }
        }
        catch (WmsException e)
        {
            await OwsExceptions.WriteAsync(context, StatusCodes.Status400BadRequest, e.Code, null, e.Message).ConfigureAwait(false);
        }
    }

    private static async Task GetMapAsync(Dictionary<string, string> q, HttpContext context, TileSource tiles, CancellationToken ct)
    {
        var map = MapRequest.Parse(q, "LAYERS");
        var layers = map.Tilesets.SelectMany(t => TileCatalog.Find(t)!).Distinct().OrderBy(l => TileCatalog.Layers.ToList().IndexOf(l)).ToList();
        var features = RasterTilesApi.Parse(await tiles.FeaturesInBoxAsync(layers, map.Zoom, map.Box, map.Srid, ct).ConfigureAwait(false));
        var transparent = q.GetValueOrDefault("TRANSPARENT")?.Equals("TRUE", StringComparison.OrdinalIgnoreCase) == true;
        var png = RasterRenderer.RenderPng(features, map.Width, map.Height, TileQuery.Extent, map.Zoom, transparent: transparent);
        context.Response.ContentType = "image/png";
        await context.Response.Body.WriteAsync(png, ct).ConfigureAwait(false);
    }

    private static async Task GetFeatureInfoAsync(Dictionary<string, string> q, HttpContext context, FeatureStore store, CancellationToken ct)
    {
        var map = MapRequest.Parse(q, "QUERY_LAYERS");
        var i = Int(q, "I", 0, map.Width - 1);
        var j = Int(q, "J", 0, map.Height - 1);
        var count = q.ContainsKey("FEATURE_COUNT") ? Int(q, "FEATURE_COUNT", 1, 1000) : 1;
        var format = q.GetValueOrDefault("INFO_FORMAT") ?? "application/json";
        if (format is not ("application/json" or "application/geo+json" or "text/html"))
        {
            throw new WmsException("InvalidFormat", $"INFO_FORMAT must be application/json, application/geo+json or text/html, not '{RequestGrammar.Shorten(format)}'");
        }

        // Three pixels around the one clicked, in the map's CRS, then in longitude/latitude for the filter.
        var pixelX = map.Box.Width / map.Width;
        var pixelY = map.Box.Height / map.Height;
        var x = map.Box.MinX + (i + 0.5) * pixelX;
        var y = map.Box.MaxY - (j + 0.5) * pixelY;
        var crs = map.Srid == 4326 ? Crs.Epsg4326 : (Crs)map.Srid;
        var (x1, y1) = Reprojector.Transform(x - 3 * pixelX, y - 3 * pixelY, crs, Crs.Epsg4326);
        var (x2, y2) = Reprojector.Transform(x + 3 * pixelX, y + 3 * pixelY, crs, Crs.Epsg4326);
        var box = NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory().ToGeometry(new Envelope(x1, x2, y1, y2));

        // The composite layer answers with what each of its layers has under the pixel, top layer first.
        var collections = map.Tilesets
            .SelectMany(t => t == TileCatalog.Composite ? TileCatalog.Find(t)!.Select(l => l.Tileset).Reverse() : [t])
            .Distinct()
            .Select(id => CollectionCatalog.Find(id)!)
            .ToList();
        var features = new List<(Collection Collection, string Feature)>();
        foreach (var collection in collections)
        {
            foreach (var f in await store.ListAsync(new ItemsRequest(collection, Limit: count, Filter: new CqlSpatial("S_INTERSECTS", box)), ct).ConfigureAwait(false))
            {
                features.Add((collection, f));
            }
        }

        if (format == "text/html")
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(string.Concat(features.Select(f => Features.OgcHtml.FeatureTable(f.Collection, f.Feature))), Encoding.UTF8, ct).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = format;
        await context.Response.WriteAsync($"{{\"type\":\"FeatureCollection\",\"features\":[{string.Join(',', features.Select(f => f.Feature))}]}}", Encoding.UTF8, ct).ConfigureAwait(false);
    }

    internal static int Int(Dictionary<string, string> q, string name, int min, int max) =>
        int.TryParse(q.GetValueOrDefault(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
        : throw new WmsException(q.ContainsKey(name) ? "InvalidParameterValue" : "MissingParameterValue", $"{name} must be a whole number from {min} to {max}");

    /// <summary>The parameters GetMap and GetFeatureInfo share.</summary>
    private sealed record MapRequest(IReadOnlyList<string> Tilesets, Envelope Box, int Srid, int Width, int Height, int Zoom)
    {
        public static MapRequest Parse(Dictionary<string, string> q, string layersParameter)
        {
            var tilesets = (q.GetValueOrDefault(layersParameter) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (tilesets.Length == 0)
            {
                throw new WmsException("MissingParameterValue", $"{layersParameter} is required");
            }

            if (tilesets.FirstOrDefault(t => TileCatalog.Find(t) is null) is { } unknown)
            {
                throw new WmsException("LayerNotDefined", $"no layer '{unknown}'");
            }

            var crsText = q.GetValueOrDefault("CRS") ?? throw new WmsException("MissingParameterValue", "CRS is required");
            if (!WmsCapabilities.Crs.Contains(crsText, StringComparer.OrdinalIgnoreCase))
            {
                throw new WmsException("InvalidCRS", $"CRS {crsText} is not one of {string.Join(", ", WmsCapabilities.Crs)}");
            }

            // WMS 1.3.0 puts latitude first for EPSG:4326 and 4490; CRS:84 is longitude first.
            var latitudeFirst = crsText.ToUpperInvariant() is "EPSG:4326" or "EPSG:4490";
            var srid = crsText.Equals("CRS:84", StringComparison.OrdinalIgnoreCase) ? 4326 : CrsNames.Srid(CrsNames.Parse(crsText));
            Envelope box;
            try
            {
                box = RequestGrammar.Box("BBOX", q.GetValueOrDefault("BBOX") ?? string.Empty, (Crs)srid, latitudeFirst);
            }
            catch (ParameterException e)
            {
                throw new WmsException(q.ContainsKey("BBOX") ? "InvalidParameterValue" : "MissingParameterValue", e.Message);
            }

            // A map is an area: a box of zero width or height has no pixels to draw.
            if (box.Width <= 0 || box.Height <= 0)
            {
                throw new WmsException("InvalidParameterValue", "BBOX has no area: min must be below max on both axes");
            }

            var width = Int(q, "WIDTH", 1, MaxSize);
            var height = Int(q, "HEIGHT", 1, MaxSize);

            // The zoom whose layers the map shows: the one whose pixel is closest to this map's pixel.
            var crs = srid == 4326 ? Crs.Epsg4326 : (Crs)srid;
            var (mx1, _) = Reprojector.Transform(box.MinX, box.Centre.Y, crs, Crs.Epsg3857);
            var (mx2, _) = Reprojector.Transform(box.MaxX, box.Centre.Y, crs, Crs.Epsg3857);
            var zoom = (int)Math.Clamp(Math.Round(Math.Log2(Tiles.WebMercatorQuad.CellSize(0) / ((mx2 - mx1) / width))), 0, TileCatalog.MaxZoom);
            return new MapRequest(tilesets, box, srid, width, height, zoom);
        }
    }
}
