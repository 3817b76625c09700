using System.Globalization;
using System.Text;
using System.Xml.Linq;
using GeoGrid.Core.Crs;
using GeoGrid.Server.Raster;
using GeoGrid.Storage;
using GeoGrid.Storage.Collections;
using GeoGrid.Storage.Collections.Cql;
using GeoGrid.Storage.Tiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetTopologySuite.Geometries;
using Npgsql;

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

    public static async Task HandleAsync(HttpContext context, NpgsqlDataSource dataSource, CancellationToken ct)
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
                    await GetMapAsync(q, context, dataSource, ct).ConfigureAwait(false);
                    break;
                case "GETFEATUREINFO":
                    await GetFeatureInfoAsync(q, context, dataSource, ct).ConfigureAwait(false);
                    break;
                default:
                    throw new WmsException("OperationNotSupported", "REQUEST must be GetCapabilities, GetMap or GetFeatureInfo");
            }
        }
        catch (WmsException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/xml; charset=utf-8";
            XNamespace ogc = "http://www.opengis.net/ogc";
            var report = new XElement(ogc + "ServiceExceptionReport", new XAttribute("version", "1.3.0"),
                new XElement(ogc + "ServiceException", new XAttribute("code", e.Code), e.Message));
            await context.Response.WriteAsync(report.ToString(), ct).ConfigureAwait(false);
        }
    }

    private static async Task GetMapAsync(Dictionary<string, string> q, HttpContext context, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var map = MapRequest.Parse(q, "LAYERS");
        var layers = map.Tilesets.SelectMany(t => TileCatalog.Find(t)!).Distinct().OrderBy(l => TileCatalog.Layers.ToList().IndexOf(l)).ToList();
        var features = await RasterTilesApi.ReadFeaturesAsync(dataSource, TileQuery.BuildFeaturesInBox(layers),
            [map.Zoom, map.Box.MinX, map.Box.MinY, map.Box.MaxX, map.Box.MaxY, map.Srid], ct).ConfigureAwait(false);
        var transparent = q.GetValueOrDefault("TRANSPARENT")?.Equals("TRUE", StringComparison.OrdinalIgnoreCase) == true;
        var png = RasterRenderer.RenderPng(features, map.Width, map.Height, TileQuery.Extent, transparent: transparent);
        context.Response.ContentType = "image/png";
        await context.Response.Body.WriteAsync(png, ct).ConfigureAwait(false);
    }

    private static async Task GetFeatureInfoAsync(Dictionary<string, string> q, HttpContext context, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var map = MapRequest.Parse(q, "QUERY_LAYERS");
        var i = Int(q, "I", 0, map.Width - 1);
        var j = Int(q, "J", 0, map.Height - 1);
        var count = q.ContainsKey("FEATURE_COUNT") ? Int(q, "FEATURE_COUNT", 1, 1000) : 1;
        // Three pixels around the one clicked, in the map's CRS, then in longitude/latitude for the filter.
        var pixelX = map.Box.Width / map.Width;
        var pixelY = map.Box.Height / map.Height;
        var x = map.Box.MinX + (i + 0.5) * pixelX;
        var y = map.Box.MaxY - (j + 0.5) * pixelY;
        var crs = map.Srid == 4326 ? Crs.Epsg4326 : (Crs)map.Srid;
        var (x1, y1) = Reprojector.Transform(x - 3 * pixelX, y - 3 * pixelY, crs, Crs.Epsg4326);
        var (x2, y2) = Reprojector.Transform(x + 3 * pixelX, y + 3 * pixelY, crs, Crs.Epsg4326);
        var box = NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory().ToGeometry(new Envelope(x1, x2, y1, y2));

        var features = new List<string>();
        foreach (var tileset in map.Tilesets.Where(t => t != TileCatalog.Composite))
        {
            var request = new ItemsRequest(CollectionCatalog.Find(tileset)!, Limit: count, Filter: new CqlSpatial("S_INTERSECTS", box));
            var (sql, args) = ItemsQuery.Items(request);
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var cmd = await PreparedQuery.CreateAsync(connection, sql, args, ct).ConfigureAwait(false);
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                features.Add(reader.GetString(0));
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"type\":\"FeatureCollection\",\"features\":[{string.Join(',', features)}]}}", Encoding.UTF8, ct).ConfigureAwait(false);
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

            var v = (q.GetValueOrDefault("BBOX") ?? string.Empty).Split(',').Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray();
            if (v.Length != 4 || v.Any(double.IsNaN) || v[0] >= v[2] || v[1] >= v[3])
            {
                throw new WmsException("InvalidParameterValue", "BBOX takes minx,miny,maxx,maxy with min < max");
            }

            // WMS 1.3.0 puts latitude first for EPSG:4326 and 4490; CRS:84 is longitude first.
            var latitudeFirst = crsText.ToUpperInvariant() is "EPSG:4326" or "EPSG:4490";
            var box = latitudeFirst ? new Envelope(v[1], v[3], v[0], v[2]) : new Envelope(v[0], v[2], v[1], v[3]);
            var srid = crsText.Equals("CRS:84", StringComparison.OrdinalIgnoreCase) ? 4326 : CrsNames.Srid(CrsNames.Parse(crsText));
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
