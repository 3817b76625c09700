using System.Globalization;
using System.Text.Json;
using GeoGrid.Core.Crs;
using GeoGrid.Core.Import;
using GeoGrid.Formats;
using GeoGrid.Server.Tiles;
using GeoGrid.Storage.Catalog;
using GeoGrid.Storage.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace GeoGrid.Server.Features;

/// <summary>
/// OGC API – Features Part 4 for 四乱 sites, the layer inspectors edit: POST creates, PUT replaces,
/// PATCH updates (a JSON merge patch of properties and/or geometry, RFC 7396) and DELETE removes, the
/// last three only with <c>If-Match</c> naming the current version (412 otherwise). 随手拍 reports can be
/// created (POST; routed to their grid like an imported one) and updated (PATCH: category, text, and a
/// status change recorded as an event; their place stays).
/// Bodies are GeoJSON Features in CRS84 unless <c>Content-Crs</c> says otherwise; they pass the same
/// checks as an import. Every change empties the cached tiles it touches. Other collections are read-only.
/// </summary>
public static class FeatureEditsApi
{
    private const string Editable = "sites";

    // Collections new features may be posted to: sites by inspectors, 随手拍 reports by anyone.
    private static readonly Dictionary<string, ImportLayer> s_creatable = new() { ["sites"] = ImportLayer.Sites, ["reports"] = ImportLayer.Reports };
    private const string Actor = "api";

    public static IEndpointRouteBuilder MapFeatureEditsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/ogc/collections/{collectionId}/items", CreateAsync);
        app.MapPut("/ogc/collections/{collectionId}/items/{featureId}", ReplaceAsync);
        app.MapPatch("/ogc/collections/{collectionId}/items/{featureId}", UpdateAsync);
        app.MapDelete("/ogc/collections/{collectionId}/items/{featureId}", DeleteAsync);
        return app;
    }

    public static async Task<IResult> CreateAsync(string collectionId, HttpRequest request, NpgsqlDataSource dataSource, TileCache cache, CancellationToken ct)
    {
        if (!s_creatable.TryGetValue(collectionId, out var layer))
        {
            return ReadOnly(collectionId);
        }

        var (feature, problem) = await ReadFeatureAsync(request, layer, dataSource, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await SiteEdits.CreateAsync(dataSource, layer, feature!, Actor, ct).ConfigureAwait(false);
        if (outcome.Result == EditResult.Refused)
        {
            return Invalid(outcome.Problems!);
        }

        await CommittedAsync(collectionId, outcome, request, dataSource, cache, ct).ConfigureAwait(false);
        return TypedResults.Created($"{request.Scheme}://{request.Host}/ogc/collections/{collectionId}/items/{outcome.Code}", new { id = outcome.Code });
    }

    public static async Task<IResult> ReplaceAsync(string collectionId, string featureId, HttpRequest request, NpgsqlDataSource dataSource, TileCache cache, CancellationToken ct)
    {
        if (collectionId != Editable)
        {
            return ReadOnly(collectionId);
        }

        if (IfMatch(request) is not { } version)
        {
            return PreconditionRequired();
        }

        var (feature, problem) = await ReadFeatureAsync(request, ImportLayer.Sites, dataSource, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await AnswerAsync(await SiteEdits.ReplaceAsync(dataSource, featureId, version, feature!, Actor, ct).ConfigureAwait(false), Editable, featureId, request, dataSource, cache, TypedResults.NoContent(), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// PATCH: the body's <c>properties</c> members replace the feature's (an inspector moving a site to
    /// 拆除 sends only <c>{"properties":{"status":"demolished"}}</c>, a grid worker a report's
    /// <c>"处置中"</c>), a <c>geometry</c> member replaces a site's geometry; the result is checked as a
    /// whole feature and written from the version named in If-Match.
    /// </summary>
    public static async Task<IResult> UpdateAsync(string collectionId, string featureId, HttpRequest request, NpgsqlDataSource dataSource, TileCache cache, CancellationToken ct)
    {
        var reports = collectionId == "reports";
        if (collectionId != Editable && !reports)
        {
            return ReadOnly(collectionId);
        }

        if (IfMatch(request) is not { } version)
        {
            return PreconditionRequired();
        }

        var current = reports ? await ReportEdits.ReadAsync(dataSource, featureId, ct).ConfigureAwait(false) : await SiteEdits.ReadAsync(dataSource, featureId, ct).ConfigureAwait(false);
        if (current is null)
        {
            return TypedResults.Problem($"no feature '{featureId}' in collection {collectionId}", statusCode: StatusCodes.Status404NotFound);
        }

        // A report stays where it was made; a site may be redrawn.
        var (patched, problem) = await ReadPatchAsync(request, current.Value.Feature, reports ? ImportLayer.Reports : ImportLayer.Sites, allowGeometry: !reports, dataSource, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = reports
            ? await ReportEdits.UpdateAsync(dataSource, featureId, version, patched!, Actor, ct).ConfigureAwait(false)
            : await SiteEdits.ReplaceAsync(dataSource, featureId, version, patched!, Actor, ct).ConfigureAwait(false);
        return await AnswerAsync(outcome, collectionId, featureId, request, dataSource, cache, TypedResults.NoContent(), ct).ConfigureAwait(false);
    }

    public static async Task<IResult> DeleteAsync(string collectionId, string featureId, HttpRequest request, NpgsqlDataSource dataSource, TileCache cache, CancellationToken ct)
    {
        if (collectionId != Editable)
        {
            return ReadOnly(collectionId);
        }

        if (IfMatch(request) is not { } version)
        {
            return PreconditionRequired();
        }

        return await AnswerAsync(await SiteEdits.DeleteAsync(dataSource, featureId, version, Actor, ct).ConfigureAwait(false), Editable, featureId, request, dataSource, cache, TypedResults.NoContent(), ct).ConfigureAwait(false);
    }

    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static async Task<IResult> AnswerAsync(EditOutcome outcome, string collectionId, string featureId, HttpRequest request, NpgsqlDataSource dataSource, TileCache cache, IResult done, CancellationToken ct)
    {
        switch (outcome.Result)
        {
            case EditResult.NotFound:
                return TypedResults.Problem($"no feature '{featureId}' in collection {collectionId}", statusCode: StatusCodes.Status404NotFound);
            case EditResult.Stale:
                request.HttpContext.Response.Headers.ETag = ETag(outcome.Version);
                return TypedResults.Problem($"'{featureId}' has changed since that version: it is now {ETag(outcome.Version)}; fetch it again", statusCode: StatusCodes.Status412PreconditionFailed,
                    extensions: new Dictionary<string, object?> { ["parameter"] = "If-Match" });
            case EditResult.Refused:
                return Invalid(outcome.Problems!);
            default:
                await CommittedAsync(collectionId, outcome, request, dataSource, cache, ct).ConfigureAwait(false);
                return done;
        }
    }

    /// <summary>After a committed edit: the tiles it touched go, the cache moves to the new data version, the answer carries the new ETag.</summary>
    private static async Task CommittedAsync(string collectionId, EditOutcome outcome, HttpRequest request, NpgsqlDataSource dataSource, TileCache cache, CancellationToken ct)
    {
        cache.Invalidate(collectionId, outcome.Touched!);
        await cache.AcknowledgeAsync(await DataVersion.ReadAsync(dataSource, ct).ConfigureAwait(false)).ConfigureAwait(false);
        request.HttpContext.Response.Headers.ETag = ETag(outcome.Version);
    }

    private static (Crs? Crs, IResult? Problem) BodyCrs(HttpRequest request)
    {
        if (request.Headers["Content-Crs"].ToString().Trim('<', '>', ' ') is { Length: > 0 } text && text != ItemsParameters.Crs84)
        {
            if (!CrsNames.TryParse(text, out var parsed) || CrsNames.IsGeographic(parsed.Value))
            {
                return (null, TypedResults.Problem($"Content-Crs '{text}' is not supported for bodies; use CRS84, EPSG:4547 or EPSG:3857", statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["parameter"] = "Content-Crs" }));
            }

            return (parsed.Value, null);
        }

        return (Crs.Epsg4326, null);
    }

    private static async Task<(FeatureRecord? Feature, IResult? Problem)> ReadPatchAsync(HttpRequest request, FeatureRecord current, ImportLayer layer, bool allowGeometry, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (crs, crsProblem) = BodyCrs(request);
        if (crsProblem is not null)
        {
            return (null, crsProblem);
        }

        // The status is carried only when the patch changes it: a status in the feature means "record this event".
        var properties = current.Properties.Where(p => p.Key != "status").ToDictionary(p => p.Key, p => p.Value);
        var geometry = current.Geometry;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
            var patch = System.Text.Json.Nodes.JsonNode.Parse(buffer.ToArray()) as System.Text.Json.Nodes.JsonObject ?? throw new FormatException("a merge patch is a JSON object");
            if (patch["properties"] is System.Text.Json.Nodes.JsonObject changes)
            {
                foreach (var (key, value) in changes)
                {
                    properties[key] = value?.ToString();
                }
            }

            if (patch["geometry"] is { } given)
            {
                if (!allowGeometry)
                {
                    return (null, TypedResults.Problem($"the place of a {layer.Name} feature does not change", statusCode: StatusCodes.Status400BadRequest,
                        extensions: new Dictionary<string, object?> { ["parameter"] = "geometry" }));
                }

                geometry = Reprojector.Transform(JsonSerializer.Deserialize<NetTopologySuite.Geometries.Geometry>(given.ToJsonString(), FeatureFiles.GeoJsonOptions)
                    ?? throw new FormatException("geometry is null"), crs!.Value, CrsNames.Storage);
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            return (null, TypedResults.Problem($"the body is not a JSON merge patch of a GeoJSON Feature: {e.Message}", statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["parameter"] = "body" }));
        }

        var feature = new FeatureRecord(1, geometry, properties);
        var problems = FeatureValidator.Validate(feature, layer, await ServiceExtent.ReadAsync(dataSource, ct).ConfigureAwait(false));
        return problems.Count > 0 ? (null, Invalid(problems)) : (feature, null);
    }

    private static async Task<(FeatureRecord? Feature, IResult? Problem)> ReadFeatureAsync(HttpRequest request, ImportLayer layer, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (bodyCrs, crsProblem) = BodyCrs(request);
        if (crsProblem is not null)
        {
            return (null, crsProblem);
        }

        var crs = bodyCrs!.Value;
        FeatureRecord feature;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
            feature = FeatureFiles.ParseFeature(buffer.ToArray());
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            return (null, TypedResults.Problem($"the body is not a GeoJSON Feature: {e.Message}", statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["parameter"] = "body" }));
        }

        feature = feature with { Geometry = feature.Geometry is null ? null : Reprojector.Transform(feature.Geometry, crs, CrsNames.Storage) };
        var problems = FeatureValidator.Validate(feature, layer, await ServiceExtent.ReadAsync(dataSource, ct).ConfigureAwait(false));
        return problems.Count > 0 ? (null, Invalid(problems)) : (feature, null);
    }

    private static int? IfMatch(HttpRequest request) =>
        int.TryParse(request.Headers.IfMatch.ToString().Trim().TrimStart('W', '/').Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static ProblemHttpResult Invalid(IReadOnlyList<ImportProblem> problems) =>
        TypedResults.Problem("the feature was refused", statusCode: StatusCodes.Status400BadRequest, title: "Invalid feature",
            extensions: new Dictionary<string, object?>
            {
                ["parameter"] = problems[0].Field,
                ["errors"] = problems.Select(p => new { field = p.Field, reason = p.Reason }).ToList(),
            });

    private static ProblemHttpResult PreconditionRequired() =>
        TypedResults.Problem("send If-Match with the ETag you read, so that no one else's change is overwritten", statusCode: StatusCodes.Status428PreconditionRequired,
            extensions: new Dictionary<string, object?> { ["parameter"] = "If-Match" });

    private static ProblemHttpResult ReadOnly(string collectionId) =>
        TypedResults.Problem($"collection {collectionId} cannot be changed this way: {Editable} can be created, replaced, updated and deleted; reports created and updated", statusCode: StatusCodes.Status405MethodNotAllowed);
}
