using System.Globalization;
using System.Text;
using GeoGrid.Storage;
using GeoGrid.Storage.Collections;
using GeoGrid.Storage.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

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
        ogc.MapGet("/collections/{collectionId}", CollectionAsync);
        ogc.MapGet("/collections/{collectionId}/queryables", Queryables);
        ogc.MapGet("/collections/{collectionId}/items", ItemsAsync);
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", ItemAsync);
        return app;
    }

    public static Ok<object> Landing(HttpRequest request) => TypedResults.Ok<object>(new
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

    public static Ok<object> Conformance() => TypedResults.Ok<object>(new
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
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
        },
    });

    public static async Task<IResult> CollectionsAsync(HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (OgcHtml.Wanted(request))
        {
            return TypedResults.Content(OgcHtml.Collections(CollectionCatalog.All), "text/html; charset=utf-8");
        }

        var list = new List<object>();
        foreach (var c in CollectionCatalog.All)
        {
            list.Add(await DescribeAsync(request, dataSource, c, ct).ConfigureAwait(false));
        }

        return TypedResults.Ok<object>(new { links = new[] { new OgcLink(Url(request, "/ogc/collections"), "self", "application/json") }, collections = list });
    }

    public static async Task<Results<Ok<object>, ProblemHttpResult>> CollectionAsync(string collectionId, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct) =>
        CollectionCatalog.Find(collectionId) is { } c
            ? TypedResults.Ok(await DescribeAsync(request, dataSource, c, ct).ConfigureAwait(false))
            : NoSuchCollection(collectionId);

    /// <summary>The properties a filter may use, as JSON Schema (Part 3).</summary>
    public static Results<JsonHttpResult<object>, ProblemHttpResult> Queryables(string collectionId, HttpRequest request)
    {
        if (CollectionCatalog.Find(collectionId) is not { } c)
        {
            return NoSuchCollection(collectionId);
        }

        var properties = c.Properties.ToDictionary(p => p.Name, p => (object)(p.Type == "date-time"
            ? new { type = "string", format = "date-time" }
            : new { type = p.Type }));
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

    public static async Task ItemsAsync(string collectionId, HttpContext context, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (CollectionCatalog.Find(collectionId) is not { } collection)
        {
            await NoSuchCollection(collectionId).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        ItemsRequest r;
        try
        {
            r = ItemsParameters.Parse(collection, context.Request.Query);
        }
        catch (ParameterException e)
        {
            await BadParameter(e).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var (countSql, countArgs) = ItemsQuery.Count(r);
        await using var count = await PreparedQuery.CreateAsync(connection, countSql, countArgs, ct).ConfigureAwait(false);
        var matched = (long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        if (OgcHtml.Wanted(context.Request))
        {
            await WriteHtmlPageAsync(context, connection, collection, r, matched, ct).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.ContentType = GeoJson;
        response.Headers["Content-Crs"] = $"<{ItemsParameters.CrsUri(r.OutputSrid, r.LatitudeFirst)}>";
        var links = new List<OgcLink> { new(PageUrl(context.Request, r.Offset), "self", GeoJson) };
        if (r.Offset + r.Limit < matched)
        {
            links.Add(new(PageUrl(context.Request, r.Offset + r.Limit), "next", GeoJson));
        }

        if (r.Offset > 0)
        {
            links.Add(new(PageUrl(context.Request, Math.Max(0, r.Offset - r.Limit)), "prev", GeoJson));
        }

        var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 1 << 16);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync($"{{\"type\":\"FeatureCollection\",\"numberMatched\":{matched},\"timeStamp\":\"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\",\"links\":{System.Text.Json.JsonSerializer.Serialize(links, s_json)},\"features\":[").ConfigureAwait(false);
            var (sql, args) = ItemsQuery.Items(r);
            await using var cmd = await PreparedQuery.CreateAsync(connection, sql, args, ct).ConfigureAwait(false);
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var returned = 0;
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                if (returned++ > 0)
                {
                    await writer.WriteAsync(',').ConfigureAwait(false);
                }

                await writer.WriteAsync(reader.GetString(0)).ConfigureAwait(false);
            }

            await writer.WriteAsync($"],\"numberReturned\":{returned}}}").ConfigureAwait(false);
        }
    }

    public static async Task ItemAsync(string collectionId, string featureId, HttpContext context, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (CollectionCatalog.Find(collectionId) is not { } collection)
        {
            await NoSuchCollection(collectionId).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        ItemsRequest r;
        try
        {
            r = ItemsParameters.Parse(collection, context.Request.Query, featureId) with { Limit = 1, Offset = 0 };
        }
        catch (ParameterException e)
        {
            await BadParameter(e).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var (sql, args) = ItemsQuery.Items(r);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = await PreparedQuery.CreateAsync(connection, sql, args, ct).ConfigureAwait(false);
        if (await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is not string feature)
        {
            await TypedResults.Problem($"no feature '{featureId}' in collection {collectionId}", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = GeoJson;
        context.Response.Headers["Content-Crs"] = $"<{ItemsParameters.CrsUri(r.OutputSrid, r.LatitudeFirst)}>";
        var editable = collection.Id switch
        {
            "sites" => await SiteEdits.VersionAsync(dataSource, featureId, ct).ConfigureAwait(false),
            "reports" => await ReportEdits.VersionAsync(dataSource, featureId, ct).ConfigureAwait(false),
            _ => null,
        };
        if (editable is { } version)
        {
            // The version a PUT, PATCH or DELETE must name in If-Match.
            context.Response.Headers.ETag = FeatureEditsApi.ETag(version);
        }

        await context.Response.WriteAsync(feature, ct).ConfigureAwait(false);
    }

    private static async Task WriteHtmlPageAsync(HttpContext context, NpgsqlConnection connection, Collection collection, ItemsRequest r, long matched, CancellationToken ct)
    {
        // A person reads a page, not a layer: HTML pages hold at most 1,000 rows.
        r = r with { Limit = Math.Min(r.Limit, 1000) };
        var (sql, args) = ItemsQuery.Items(r);
        await using var cmd = await PreparedQuery.CreateAsync(connection, sql, args, ct).ConfigureAwait(false);
        var features = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                features.Add(reader.GetString(0));
            }
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(OgcHtml.Items(collection, features, matched, r, offset => PageUrl(context.Request, offset)), ct).ConfigureAwait(false);
    }

    private static readonly System.Text.Json.JsonSerializerOptions s_json = new(System.Text.Json.JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static async Task<object> DescribeAsync(HttpRequest request, NpgsqlDataSource dataSource, Collection c, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(ItemsQuery.Extent(c));
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        double[]? bbox = null;
        if (await reader.ReadAsync(ct).ConfigureAwait(false) && !reader.IsDBNull(0))
        {
            bbox = [reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)];
        }

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

    private static ProblemHttpResult NoSuchCollection(string id) =>
        TypedResults.Problem($"no collection '{id}'; see /ogc/collections", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult BadParameter(ParameterException e) =>
        TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter", extensions: new Dictionary<string, object?> { ["parameter"] = e.Parameter });

    private static string Url(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{path}";

    private static string PageUrl(HttpRequest request, int offset)
    {
        var query = request.Query.Where(q => q.Key != "offset").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"offset={offset.ToString(CultureInfo.InvariantCulture)}");
        return $"{request.Scheme}://{request.Host}{request.Path}?{string.Join('&', query)}";
    }
}
