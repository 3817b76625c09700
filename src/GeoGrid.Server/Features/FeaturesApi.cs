using System.Globalization;
using System.Text;
using GeoGrid.Server.Http;
using GeoGrid.Storage.Collections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GeoGrid.Server.Features;

/// <summary>
/// OGC API – Features Part 1 (Core, GeoJSON) and Part 2 (CRS by reference) under <c>/ogc</c>. Item
/// pages stream from PostGIS row by row, so a page's memory does not grow with its size.
/// </summary>
public static class FeaturesApi
{
    private const string GeoJson = "application/geo+json";

    public static IEndpointRouteBuilder MapFeaturesApi(this IEndpointRouteBuilder app)
    {
        var ogc = app.MapGroup("/ogc");
        ogc.MapGet("/", Landing);
        ogc.MapGet("/conformance", Conformance);
        ogc.MapGet("/collections", CollectionsAsync);
        // CQL2 custom functions: GeoGrid defines none beyond the standard's.
        ogc.MapGet("/functions", () => TypedResults.Ok(new { functions = Array.Empty<object>() }));
        ogc.MapGet("/collections/{collectionId}", CollectionAsync);
        ogc.MapGet("/collections/{collectionId}/queryables", Queryables);
        ogc.MapGet("/collections/{collectionId}/items", ItemsAsync).WithItemsParameters();
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", ItemAsync);
        return app;
    }

    public static IResult Landing(HttpRequest request) => HtmlOrJson(request, "GeoGrid OGC API", new
    {
        title = "GeoGrid OGC API",
        description = "郑州网格化治理: grids, road chiefs, floodplain sites and reports",
        links = new[]
        {
            new OgcLink(Url(request, "/ogc"), "self", "application/json"),
            new OgcLink(Url(request, "/ogc/conformance"), "conformance", "application/json"),
            new OgcLink(Url(request, "/ogc/collections"), "data", "application/json"),
            new OgcLink(Url(request, "/openapi.json"), "service-desc", "application/vnd.oai.openapi+json;version=3.0"),
            new OgcLink(Url(request, "/api"), "service-doc", "text/html"),
            new OgcLink(Url(request, "/ogc/tiles"), "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", "application/json"),
            new OgcLink(Url(request, "/ogc/tileMatrixSets"), "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", "application/json"),
        },
    });

    public static IResult Conformance(HttpRequest request) => HtmlOrJson(request, "Conformance", new
    {
        conformsTo = new[]
        {
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/property-property",
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
            "http://www.opengis.net/spec/cql2/1.0/conf/accent-insensitive-comparison",
            "http://www.opengis.net/spec/cql2/1.0/conf/arithmetic",
            "http://www.opengis.net/spec/cql2/1.0/conf/array-functions",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
        },
    });

    public static async Task<IResult> CollectionsAsync(HttpRequest request, FeatureStore store, CancellationToken ct)
    {
        if (OgcHtml.Wanted(request))
        {
            return TypedResults.Content(OgcHtml.Collections(CollectionCatalog.All), "text/html; charset=utf-8");
        }

        var list = new List<object>();
        foreach (var c in CollectionCatalog.All)
        {
            list.Add(await DescribeAsync(request, store, c, ct).ConfigureAwait(false));
        }

        return TypedResults.Ok<object>(new { links = new[] { new OgcLink(Url(request, "/ogc/collections"), "self", "application/json") }, collections = list });
    }

    public static async Task<IResult> CollectionAsync(string collectionId, HttpRequest request, FeatureStore store, CancellationToken ct)
    {
        var c = Find(collectionId);
        var description = await DescribeAsync(request, store, c, ct).ConfigureAwait(false);
        return HtmlOrJson(request, c.Title, description);
    }

    /// <summary>The properties a filter may use, as JSON Schema (Part 3).</summary>
    public static JsonHttpResult<object> Queryables(string collectionId, HttpRequest request)
    {
        var c = Find(collectionId);
        var properties = c.Properties.ToDictionary(p => p.Name, p => p.Type switch
        {
            "date-time" => (object)new { type = "string", format = "date-time" },
            "array" => new { type = "array", items = new { type = "string" } },
            _ => new { type = p.Type },
        });
        properties["geometry"] = new Dictionary<string, string> { ["$ref"] = "https://geojson.org/schema/Geometry.json" };
        return TypedResults.Json<object>(new Dictionary<string, object>
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Url(request, $"/ogc/collections/{c.Id}/queryables"),
            ["type"] = "object",
            ["title"] = c.Title,
            ["properties"] = properties,
        }, contentType: "application/schema+json");
    }

    public static async Task ItemsAsync(string collectionId, HttpContext context, FeatureStore store, CancellationToken ct)
    {
        var collection = Find(collectionId);
        var r = ItemsParameters.Parse(collection, context.Request.Query);

        // Counting first means a database outage is answered (503) before the body has begun.
        var matched = await store.CountAsync(r, ct).ConfigureAwait(false);
        if (OgcHtml.Wanted(context.Request))
        {
            // A person reads a page, not a layer: HTML pages hold at most 1,000 rows.
            var page = await store.ListAsync(r with { Limit = Math.Min(r.Limit, 1000) }, ct).ConfigureAwait(false);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(OgcHtml.Items(collection, page, matched, r, offset => PageUrl(context.Request, offset)), ct).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.ContentType = GeoJson;
        response.Headers["Content-Crs"] = $"<{ItemsParameters.CrsUri(r.OutputSrid, r.LatitudeFirst)}>";
        var links = new List<OgcLink> { new(PageUrl(context.Request, r.Offset), "self", GeoJson) };
        if ((long)r.Offset + r.Limit < matched)
        {
            links.Add(new(PageUrl(context.Request, r.Offset + r.Limit), "next", GeoJson));
        }

        if (r.Offset > 0)
        {
            links.Add(new(PageUrl(context.Request, Math.Max(0, r.Offset - r.Limit)), "prev", GeoJson));
        }

        links.Add(new(Url(context.Request, $"/ogc/collections/{collection.Id}"), "collection", "application/json"));

        // The first row is read before the first byte is written, so a database that fails now is a 503.
        await using var features = store.ItemsAsync(r, ct).GetAsyncEnumerator(ct);
        var more = await features.MoveNextAsync().ConfigureAwait(false);
        var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 1 << 16);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync($"{{\"type\":\"FeatureCollection\",\"numberMatched\":{matched},\"timeStamp\":\"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\",\"links\":{System.Text.Json.JsonSerializer.Serialize(links, s_json)},\"features\":[").ConfigureAwait(false);
            var returned = 0;
            for (; more; more = await features.MoveNextAsync().ConfigureAwait(false))
            {
                if (returned++ > 0)
                {
                    await writer.WriteAsync(',').ConfigureAwait(false);
                }

                await writer.WriteAsync(features.Current).ConfigureAwait(false);
            }

            await writer.WriteAsync($"],\"numberReturned\":{returned}}}").ConfigureAwait(false);
        }
    }

    public static async Task<IResult> ItemAsync(string collectionId, string featureId, HttpContext context, FeatureStore store, CancellationToken ct)
    {
        var collection = Find(collectionId);
        var r = ItemsParameters.Parse(collection, context.Request.Query, featureId) with { Limit = 1, Offset = 0 };
        if ((await store.ListAsync(r, ct).ConfigureAwait(false)) is not [var feature])
        {
            throw new ProblemException(StatusCodes.Status404NotFound, $"no feature '{RequestGrammar.Shorten(featureId)}' in collection {collectionId}");
        }

        if (await store.VersionAsync(collection, featureId, ct).ConfigureAwait(false) is { } version)
        {
            // The version a PUT, PATCH or DELETE must name in If-Match.
            context.Response.Headers.ETag = FeatureEditsApi.ETag(version);
        }

        if (OgcHtml.Wanted(context.Request))
        {
            return TypedResults.Content(OgcHtml.Feature(collection, feature), "text/html; charset=utf-8");
        }

        // A single feature carries its links too (OGC API – Features Part 1, /rec/core/f-links).
        var node = System.Text.Json.Nodes.JsonNode.Parse(feature)!.AsObject();
        var self = Url(context.Request, $"/ogc/collections/{collection.Id}/items/{Uri.EscapeDataString(featureId)}");
        node["links"] = System.Text.Json.JsonSerializer.SerializeToNode(new[]
        {
            new OgcLink(self, "self", GeoJson),
            new OgcLink(Url(context.Request, $"/ogc/collections/{collection.Id}"), "collection", "application/json"),
        }, s_json);
        context.Response.Headers["Content-Crs"] = $"<{ItemsParameters.CrsUri(r.OutputSrid, r.LatitudeFirst)}>";
        return TypedResults.Text(node.ToJsonString(s_json), GeoJson);
    }

    private static readonly System.Text.Json.JsonSerializerOptions s_json = new(System.Text.Json.JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static async Task<object> DescribeAsync(HttpRequest request, FeatureStore store, Collection c, CancellationToken ct)
    {
        var bbox = await store.ExtentAsync(c, ct).ConfigureAwait(false);
        var self = Url(request, $"/ogc/collections/{c.Id}");
        return new
        {
            id = c.Id,
            title = c.Title,
            description = c.Description,
            itemType = "feature",
            extent = new { spatial = new { bbox = bbox is null ? Array.Empty<double[]>() : [bbox], crs = ItemsParameters.Crs84 } },
            crs = ItemsParameters.SupportedCrs,
            storageCrs = "http://www.opengis.net/def/crs/EPSG/0/4490",
            links = new[]
            {
                new OgcLink(self, "self", "application/json"),
                new OgcLink(self + "/items", "items", GeoJson),
                new OgcLink(self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json"),
            },
        };
    }

    private static IResult HtmlOrJson(HttpRequest request, string title, object value) =>
        OgcHtml.Wanted(request) ? TypedResults.Content(OgcHtml.Json(title, value), "text/html; charset=utf-8") : TypedResults.Ok(value);

    private static Collection Find(string collectionId) =>
        CollectionCatalog.Find(collectionId) ?? throw new ProblemException(StatusCodes.Status404NotFound, $"no collection '{RequestGrammar.Shorten(collectionId)}'; see /ogc/collections");

    private static string Url(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{path}";

    private static string PageUrl(HttpRequest request, int offset)
    {
        var query = request.Query.Where(q => q.Key != "offset").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"offset={offset.ToString(CultureInfo.InvariantCulture)}");
        return $"{request.Scheme}://{request.Host}{request.Path}?{string.Join('&', query)}";
    }
}
