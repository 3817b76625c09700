using System.Globalization;
using System.Xml.Linq;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using GeoGrid.Server.Access;
using GeoGrid.Server.Features;
using GeoGrid.Server.Http;
using GeoGrid.Server.Tiles;
using GeoGrid.Storage.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Server.Intake;

/// <summary>
/// The public 随手拍 intake as Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), so 311
/// clients work unchanged: discovery, services (the report categories, by code; their Chinese names
/// and everyday words are taken too), service definitions, requests (GET with the spec's filters, POST
/// form-encoded as the spec says), a request by id; JSON, and XML by the <c>.xml</c> ending. A filed
/// request is routed to its grid, linked to a likely duplicate, and answered with a token that
/// withdraws it (<c>POST requests/{id}/withdraw</c>, GeoGrid's own addition). Errors answer the spec's
/// <c>[{"code":…,"description":…}]</c>.
/// </summary>
public static class Open311Api
{
    public const string Root = "/open311/v2";

    public static IEndpointRouteBuilder MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Root).WithTags("Open311");
        group.MapGet("/discovery.{format}", Discovery);
        group.MapGet("/services.{format}", Services);
        group.MapGet("/services/{code}.{format}", Service);
        group.MapGet("/requests.{format}", RequestsAsync);
        group.MapGet("/requests/{id}.{format}", RequestAsync);
        group.MapPost("/requests.{format}", PostAsync).RequireRateLimiting(IntakeLimits.Policy);
        group.MapPost("/requests/{id}/withdraw.{format}", WithdrawAsync).RequireRateLimiting(IntakeLimits.Policy);
        return app;
    }

    /// <summary>Whether a refusal is answered in Open311's error format (the request is Open311's).</summary>
    public static bool Wanted(HttpRequest request) => request.Path.StartsWithSegments(Root, StringComparison.Ordinal);

    /// <summary>Writes Open311's error list: <c>[{"code":400,"description":"…"}]</c> (XML for .xml).</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        var errors = new[] { new Dictionary<string, object?> { ["code"] = status, ["description"] = detail } };
        return Answer(context.Request, errors, "errors", "error").ExecuteAsync(context);
    }

    public static IResult Discovery(string format, HttpRequest request)
    {
        var url = $"{request.Scheme}://{request.Host}{Root}/";
        var discovery = new Dictionary<string, object?>
        {
            ["changeset"] = "2026-11-27T00:00:00+08:00",
            ["contact"] = "郑州市网格化治理 GeoGrid — 随手拍 intake",
            ["key_service"] = "API keys are issued by the city's GeoGrid admins (geogrid user key); posting needs none",
            ["endpoints"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["specification"] = "http://wiki.open311.org/GeoReport_v2", ["url"] = url, ["changeset"] = "2026-11-27T00:00:00+08:00",
                    ["type"] = "production", ["formats"] = new[] { "application/json", "text/xml" },
                },
            },
        };
        return Answer(request, format, discovery, "discovery");
    }

    public static IResult Services(string format, HttpRequest request) =>
        Answer(request, format, Enum.GetValues<ReportCategory>().Select(Describe).ToList(), "services", "service");

    public static IResult Service(string code, string format, HttpRequest request)
    {
        var category = Category(code, "service_code");
        // No category asks for more than the common fields: the definition lists no attributes.
        return Answer(request, format, new Dictionary<string, object?> { ["service_code"] = DomainLabels.Key(category), ["attributes"] = Array.Empty<object>() }, "service_definition");
    }

    public static async Task<IResult> RequestsAsync(string format, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var query = request.Query;
        var ids = RequestGrammar.Single(query, "service_request_id")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var codes = RequestGrammar.Single(query, "service_code")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => DomainLabels.Key(Category(c, "service_code"))).ToList();
        var status = RequestGrammar.Single(query, "status") switch
        {
            null => null,
            "open" => "open",
            "closed" => "closed",
            var other => throw new ParameterException("status", $"status is open or closed, not '{RequestGrammar.Shorten(other)}'"),
        };
        // The spec's default window is the last 90 days; at most 90 days a request.
        var end = RequestGrammar.Instant(query, "end_date") ?? DateTimeOffset.UtcNow;
        var start = RequestGrammar.Instant(query, "start_date") ?? end.AddDays(-90);
        if (start > end || end - start > TimeSpan.FromDays(90.001))
        {
            throw new ParameterException("start_date", "start_date is before end_date and at most 90 days before it");
        }

        var json = await ReportRequests.ReadAsync(dataSource, new ReportRequests.Query(ids, codes, start, end, status, 1000), ct).ConfigureAwait(false);
        return Json(request, format, json, "service_requests", "request");
    }

    public static async Task<IResult> RequestAsync(string id, string format, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var json = await ReportRequests.ReadAsync(dataSource, new ReportRequests.Query([id], null, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow, null, 1), ct).ConfigureAwait(false);
        return json == "[]"
            ? throw new ProblemException(StatusCodes.Status404NotFound, $"no service request '{RequestGrammar.Shorten(id)}'", "service_request_id")
            : Json(request, format, json, "service_requests", "request");
    }

    public static async Task<IResult> PostAsync(string format, HttpRequest request, EditStore edits, TileCache cache, CancellationToken ct)
    {
        var form = await FormAsync(request, ct).ConfigureAwait(false);
        var category = Category(form.GetValueOrDefault("service_code") ?? throw new ParameterException("service_code", "service_code is required (GET services.json lists them)"), "service_code");
        var lat = Coordinate(form, "lat", -90, 90);
        var lon = Coordinate(form, "long", -180, 180);
        var description = form.GetValueOrDefault("description") is { Length: > 0 } d ? d : DomainLabels.Zh(category);
        var properties = new Dictionary<string, object?> { ["category"] = DomainLabels.Key(category), ["text"] = description };
        var raw = new FeatureRecord(1, new GeometryFactory().CreatePoint(new NetTopologySuite.Geometries.Coordinate(lon, lat)), properties);
        var (feature, problems) = FeaturePreparation.Prepare(raw, ImportLayer.Reports, Core.Crs.Crs.Epsg4326,
            await edits.ServiceExtentAsync(ct).ConfigureAwait(false));
        if (problems.Count > 0)
        {
            var p = problems[0];
            throw new ParameterException(p.Field switch { "text" => "description", "geometry" => "lat", _ => p.Field }, $"{p.Field}: {p.Reason}");
        }

        var filed = await edits.FileReportAsync(feature, request.HttpContext.Actor(), request.Headers["Idempotency-Key"].FirstOrDefault(), ct).ConfigureAwait(false);
        FeatureEditsApi.ThrowIfRefused(filed.Outcome, "reports", "");
        if (!filed.Outcome.Replayed)
        {
            await FeatureEditsApi.CommittedAsync("reports", filed.Outcome, request, edits, cache, ct).ConfigureAwait(false);
        }

        var notice = filed.DuplicateOf is { } first
            ? $"已受理；附近已有同类问题 {first}，已合并跟进 (linked to {first})"
            : $"已受理，已派至网格 {filed.GridCode}";
        request.HttpContext.Response.StatusCode = StatusCodes.Status201Created;
        return Answer(request, format, new[]
        {
            new Dictionary<string, object?>
            {
                ["service_request_id"] = filed.Outcome.Code, ["service_notice"] = notice, ["account_id"] = null,
                ["grid_code"] = filed.GridCode, ["duplicate_of"] = filed.DuplicateOf, ["withdraw_token"] = filed.WithdrawToken,
            },
        }, "service_requests", "request");
    }

    public static async Task<IResult> WithdrawAsync(string id, string format, HttpRequest request, EditStore edits, TileCache cache, CancellationToken ct)
    {
        var form = await FormAsync(request, ct).ConfigureAwait(false);
        var outcome = await edits.WithdrawReportAsync(id, request.HttpContext.Actor(), form.GetValueOrDefault("token"), ct).ConfigureAwait(false);
        FeatureEditsApi.ThrowIfRefused(outcome, "reports", id);
        await FeatureEditsApi.CommittedAsync("reports", outcome, request, edits, cache, ct).ConfigureAwait(false);
        return Answer(request, format, new[] { new Dictionary<string, object?> { ["service_request_id"] = id, ["status"] = "closed", ["geogrid_status"] = "withdrawn" } }, "service_requests", "request");
    }

    private static Dictionary<string, object?> Describe(ReportCategory c) => new()
    {
        ["service_code"] = DomainLabels.Key(c),
        ["service_name"] = DomainLabels.Zh(c),
        ["description"] = $"{DomainLabels.Zh(c)}（也可写作：{string.Join("、", DomainLabels.Synonyms(c))}）",
        ["metadata"] = false,
        ["type"] = "realtime",
        ["keywords"] = string.Join(",", DomainLabels.Synonyms(c)),
        ["group"] = c == ReportCategory.Floodplain ? "黄河滩区" : "城市管理",
    };

    private static ReportCategory Category(string text, string parameter) =>
        DomainLabels.Parse<ReportCategory>(text) ?? throw new ParameterException(parameter,
            $"'{RequestGrammar.Shorten(text)}' is not a service; use one of {string.Join(", ", Enum.GetValues<ReportCategory>().Select(c => $"{DomainLabels.Key(c)} ({DomainLabels.Zh(c)})"))}");

    private static double Coordinate(IReadOnlyDictionary<string, string> form, string name, double min, double max) =>
        form.GetValueOrDefault(name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min && v <= max
            ? v
            : throw new ParameterException(name, $"{name} is required: WGS84 degrees between {min} and {max} (GeoGrid takes a location as lat and long; address_string alone is not geocoded)");

    /// <summary>The form fields (application/x-www-form-urlencoded, as Open311 clients send; JSON objects are taken too), each once and bounded.</summary>
    private static async Task<Dictionary<string, string>> FormAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > JsonBodies.MaxBytes)
        {
            throw new ProblemException(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {JsonBodies.MaxBytes} bytes", "body");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct).ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                if (value.Count > 1)
                {
                    throw new ParameterException(key, $"{key} is given {value.Count} times");
                }

                fields[key] = value.ToString();
            }
        }
        else if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            JsonBodies.Check(request.HttpContext);
            foreach (var (key, node) in await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false))
            {
                fields[key] = node?.ToString() ?? "";
            }
        }

        foreach (var (key, value) in fields)
        {
            if (value.Length > 4000)
            {
                throw new ParameterException(key, $"{key} has {value.Length} characters; at most 4000");
            }
        }

        return fields;
    }

    private static IResult Json(HttpRequest request, string format, string json, string root, string item) =>
        Format(format) == "xml"
            ? Answer(request, format, System.Text.Json.JsonSerializer.Deserialize<List<Dictionary<string, object?>>>(json)!, root, item)
            : TypedResults.Text(json, "application/json; charset=utf-8");

    private static IResult Answer(HttpRequest request, string format, object value, string root, string? item = null) =>
        Format(format) == "xml" ? TypedResults.Text(Xml(value, root, item).ToString(SaveOptions.DisableFormatting), "text/xml; charset=utf-8") : TypedResults.Json(value);

    private static IResult Answer(HttpRequest request, object value, string root, string item) =>
        Answer(request, request.Path.Value?.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) == true ? "xml" : "json", value, root, item);

    private static string Format(string format) => format switch
    {
        "json" => "json",
        "xml" => "xml",
        _ => throw new ProblemException(StatusCodes.Status404NotFound, $"Open311 answers .json or .xml, not .{RequestGrammar.Shorten(format)}", "format"),
    };

    /// <summary>The spec's XML: a root element of items, each member an element (lists of one kind repeat the item).</summary>
    private static XElement Xml(object value, string root, string? item) => value switch
    {
        System.Collections.IDictionary map => new XElement(root, map.Keys.Cast<string>().Select(k => Element(k, map[k]))),
        System.Collections.IEnumerable list when value is not string => new XElement(root, list.Cast<object>().Select(v => Xml(v, item ?? "item", null))),
        _ => new XElement(root, value.ToString()),
    };

    private static XElement Element(string name, object? value) => value switch
    {
        null => new XElement(name),
        System.Text.Json.JsonElement e when e.ValueKind == System.Text.Json.JsonValueKind.Null => new XElement(name),
        System.Collections.IDictionary or System.Collections.IEnumerable when value is not string and not System.Text.Json.JsonElement => Xml(value, name, name.TrimEnd('s')),
        bool b => new XElement(name, b ? "true" : "false"),
        _ => new XElement(name, Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
