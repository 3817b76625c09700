using System.Globalization;
using System.Text.Json.Nodes;
using GeoGrid.Core.Crs;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using GeoGrid.Formats;
using GeoGrid.Server.Access;
using GeoGrid.Server.Http;
using GeoGrid.Server.Intake;
using GeoGrid.Server.Tiles;
using GeoGrid.Storage.Catalog;
using GeoGrid.Storage.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GeoGrid.Server.Features;

/// <summary>
/// OGC API – Features Part 4 for 四乱 sites, the layer inspectors edit: POST creates, PUT replaces,
/// PATCH updates (a JSON merge patch of properties and/or geometry, RFC 7396) and DELETE removes, the
/// last three only with <c>If-Match</c> naming the current version (412 otherwise). 随手拍 reports can be
/// created (POST; routed to their grid like an imported one) and updated (PATCH: category, text, and a
/// status change recorded as an event; their place stays).
/// Every write goes the one way: JSON body only (415 otherwise) → parse → reproject (<c>Content-Crs</c>,
/// CRS84 by default) → the import's checks → write and audit in one transaction → the touched tiles go.
/// A POST with an <c>Idempotency-Key</c> header is made at most once however often it is retried.
/// Who may: sites are recorded and changed by grid workers and inspectors in their areas (status steps
/// as <c>SiteLifecycle</c> allows), deleted by admins; reports are filed by anyone and handled by
/// grid workers, inspectors and admins.
/// </summary>
public static class FeatureEditsApi
{
    private const string Editable = "sites";

    public static IEndpointRouteBuilder MapFeatureEditsApi(this IEndpointRouteBuilder app)
    {
        // Sites are recorded by grid workers and inspectors, replaced by them, deleted by admins;
        // reports are filed by anyone (rate-limited per client) and handled by workers and inspectors.
        app.MapPost("/ogc/collections/sites/items", CreateSiteAsync)
            .AcceptJsonOnly().RequireAuthorization(Policies.EditSites)
            .WithJsonBody("a GeoJSON Feature (CRS84 unless Content-Crs says EPSG:4547 or 3857); Idempotency-Key makes retries safe", "application/geo+json", "application/json");
        app.MapPost("/ogc/collections/reports/items", FileReportAsync)
            .AcceptJsonOnly().RequireRateLimiting(IntakeLimits.Policy)
            .WithJsonBody("a GeoJSON Feature with category and text; the answer carries a token that withdraws it", "application/geo+json", "application/json");
        app.MapPost("/ogc/collections/reports/items/{featureId}/withdraw", WithdrawAsync).AcceptJsonOnly().RequireRateLimiting(IntakeLimits.Policy)
            .WithJsonBody("{\"token\": the withdraw_token the filing answered} (or sign in as the reporter)", "application/json");
        app.MapPost("/ogc/collections/{collectionId}/items", (string collectionId) => Task.FromException<IResult>(ReadOnly(collectionId)));
        app.MapPut("/ogc/collections/sites/items/{featureId}", ReplaceAsync)
            .AcceptJsonOnly().RequireAuthorization(Policies.EditSites)
            .WithJsonBody("the whole GeoJSON Feature; If-Match names the version it replaces", "application/geo+json", "application/json");
        app.MapPut("/ogc/collections/{collectionId}/items/{featureId}", (string collectionId) => Task.FromException<IResult>(ReadOnly(collectionId)));
        app.MapPatch("/ogc/collections/sites/items/{featureId}", (string featureId, HttpRequest r, EditStore d, TileCache c, CancellationToken ct) => UpdateAsync("sites", featureId, r, d, c, ct))
            .AcceptJsonOnly().RequireAuthorization(Policies.EditSites)
            .WithJsonBody("a JSON merge patch (RFC 7396) of properties and/or geometry; If-Match names the version it changes", "application/merge-patch+json", "application/json");
        app.MapPatch("/ogc/collections/reports/items/{featureId}", (string featureId, HttpRequest r, EditStore d, TileCache c, CancellationToken ct) => UpdateAsync("reports", featureId, r, d, c, ct))
            .AcceptJsonOnly().RequireAuthorization(Policies.HandleReports)
            .WithJsonBody("a JSON merge patch (RFC 7396) of category, text and status; If-Match names the version it changes", "application/merge-patch+json", "application/json");
        app.MapPatch("/ogc/collections/{collectionId}/items/{featureId}", (string collectionId) => Task.FromException<IResult>(ReadOnly(collectionId)));
        app.MapDelete("/ogc/collections/sites/items/{featureId}", DeleteAsync)
            .RequireAuthorization(Policies.DeleteSites);
        app.MapDelete("/ogc/collections/{collectionId}/items/{featureId}", (string collectionId) => Task.FromException<IResult>(ReadOnly(collectionId)));
        return app;
    }

    public static async Task<IResult> CreateSiteAsync(HttpRequest request, EditStore edits, TileCache cache, CancellationToken ct)
    {
        const string collectionId = Editable;
        var layer = ImportLayer.Sites;
        var key = IdempotencyKey(request);
        var feature = await ReadFeatureAsync(request, layer, edits, ct).ConfigureAwait(false);
        var outcome = await edits.CreateAsync(layer, feature, request.HttpContext.Actor(), key, ct).ConfigureAwait(false);
        ThrowIfRefused(outcome, collectionId, "");

        var location = $"{request.Scheme}://{request.Host}/ogc/collections/{collectionId}/items/{outcome.Code}";
        if (outcome.Replayed)
        {
            // The retry of a create that was made: the same answer, nothing new written.
            request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Created(location, new { id = outcome.Code });
        }

        await CommittedAsync(collectionId, outcome, request, edits, cache, ct).ConfigureAwait(false);
        return TypedResults.Created(location, new { id = outcome.Code });
    }

    /// <summary>
    /// 随手拍 intake: the report is created like any feature, linked to a likely duplicate and routed to
    /// its grid; the answer says where it went and carries the token that withdraws it (shown once).
    /// </summary>
    public static async Task<IResult> FileReportAsync(HttpRequest request, EditStore edits, TileCache cache, CancellationToken ct)
    {
        var key = IdempotencyKey(request);
        var feature = await ReadFeatureAsync(request, ImportLayer.Reports, edits, ct).ConfigureAwait(false);
        var filed = await edits.FileReportAsync(feature, request.HttpContext.Actor(), key, ct).ConfigureAwait(false);
        ThrowIfRefused(filed.Outcome, "reports", "");
        var outcome = filed.Outcome;
        var location = $"{request.Scheme}://{request.Host}/ogc/collections/reports/items/{outcome.Code}";
        if (outcome.Replayed)
        {
            request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }
        else
        {
            await CommittedAsync("reports", outcome, request, edits, cache, ct).ConfigureAwait(false);
        }

        return TypedResults.Created(location, new
        {
            id = outcome.Code,
            grid_code = filed.GridCode,
            workers = filed.Workers is { } w ? JsonNode.Parse(w) : null,
            duplicate_of = filed.DuplicateOf,
            withdraw_token = filed.WithdrawToken,
        });
    }

    /// <summary>The reporter withdraws a report: by the token its filing returned, or signed in as the user who filed it.</summary>
    public static async Task<IResult> WithdrawAsync(string featureId, HttpRequest request, EditStore edits, TileCache cache, CancellationToken ct)
    {
        var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
        var outcome = await edits.WithdrawReportAsync(featureId, request.HttpContext.Actor(), JsonBodies.Text(body, "token", 200), ct).ConfigureAwait(false);
        ThrowIfRefused(outcome, "reports", featureId);
        await CommittedAsync("reports", outcome, request, edits, cache, ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> ReplaceAsync(string featureId, HttpRequest request, EditStore edits, TileCache cache, CancellationToken ct)
    {
        var version = IfMatch(request);
        var feature = await ReadFeatureAsync(request, ImportLayer.Sites, edits, ct).ConfigureAwait(false);
        return await AnswerAsync(await edits.ReplaceSiteAsync(featureId, version, feature, request.HttpContext.Actor(), ct).ConfigureAwait(false), Editable, featureId, request, edits, cache, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// PATCH: the body's <c>properties</c> members replace the feature's (an inspector moving a site to
    /// 拆除 sends only <c>{"properties":{"status":"demolished"}}</c>, a grid worker a report's
    /// <c>"处置中"</c>), a <c>geometry</c> member replaces a site's geometry; the result is checked as a
    /// whole feature and written from the version named in If-Match. A patch that changes nothing writes
    /// nothing: the version stays and no audit row is added.
    /// </summary>
    public static async Task<IResult> UpdateAsync(string collectionId, string featureId, HttpRequest request, EditStore edits, TileCache cache, CancellationToken ct)
    {
        var reports = collectionId == "reports";
        var version = IfMatch(request);
        var current = await edits.ReadAsync(reports ? ImportLayer.Reports : ImportLayer.Sites, featureId, ct).ConfigureAwait(false)
            ?? throw NotFound(collectionId, featureId);

        // A report stays where it was made; a site may be redrawn.
        var layer = reports ? ImportLayer.Reports : ImportLayer.Sites;
        var (patched, changed) = await ReadPatchAsync(request, current.Feature, layer, allowGeometry: !reports, edits, ct).ConfigureAwait(false);
        if (!changed)
        {
            if (current.Version != version)
            {
                throw Stale(request, featureId, current.Version);
            }

            request.HttpContext.Response.Headers.ETag = ETag(current.Version);
            return TypedResults.NoContent();
        }

        var outcome = reports
            ? await edits.UpdateReportAsync(featureId, version, patched, request.HttpContext.Actor(), ct).ConfigureAwait(false)
            : await edits.ReplaceSiteAsync(featureId, version, patched, request.HttpContext.Actor(), ct).ConfigureAwait(false);
        return await AnswerAsync(outcome, collectionId, featureId, request, edits, cache, ct).ConfigureAwait(false);
    }

    public static async Task<IResult> DeleteAsync(string featureId, HttpRequest request, EditStore edits, TileCache cache, CancellationToken ct)
    {
        var version = IfMatch(request);
        return await AnswerAsync(await edits.DeleteSiteAsync(featureId, version, request.HttpContext.Actor(), ct).ConfigureAwait(false), Editable, featureId, request, edits, cache, ct).ConfigureAwait(false);
    }

    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static async Task<IResult> AnswerAsync(EditOutcome outcome, string collectionId, string featureId, HttpRequest request, EditStore edits, TileCache cache, CancellationToken ct)
    {
        if (outcome.Result == EditResult.Stale)
        {
            throw Stale(request, featureId, outcome.Version);
        }

        ThrowIfRefused(outcome, collectionId, featureId);
        await CommittedAsync(collectionId, outcome, request, edits, cache, ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>The one mapping of an edit's refusals to problems: 400/409 problems, 403 out of area or role, 409 lifecycle (with the states allowed next), 404, 422.</summary>
    internal static void ThrowIfRefused(EditOutcome outcome, string collectionId, string featureId)
    {
        if (outcome.Result is EditResult.Done or EditResult.Stale)
        {
            return;
        }

        var allowed = new Dictionary<string, object?> { ["allowed"] = outcome.AllowedNext };
        throw outcome.Result switch
        {
            EditResult.NotFound => NotFound(collectionId, featureId),
            EditResult.Refused => Invalid(outcome.Problems!),
            EditResult.OutOfArea => new ProblemException(StatusCodes.Status403Forbidden, outcome.Reason!, "geometry"),
            EditResult.Forbidden => new ProblemException(StatusCodes.Status403Forbidden, outcome.Reason!, "status", allowed),
            EditResult.IllegalTransition => new ProblemException(StatusCodes.Status409Conflict, outcome.Reason!, "status", allowed),
            EditResult.Unprocessable => new ProblemException(StatusCodes.Status422UnprocessableEntity, outcome.Reason!, "geometry"),
            _ => new InvalidOperationException($"edit outcome {outcome.Result}"),
        };
    }

    /// <summary>After a committed edit: the tiles it touched go, the cache moves to the new data version, the answer carries the new ETag.</summary>
    internal static async Task CommittedAsync(string collectionId, EditOutcome outcome, HttpRequest request, EditStore edits, TileCache cache, CancellationToken ct)
    {
        cache.Invalidate(collectionId, outcome.Touched!);
        await cache.AcknowledgeAsync(await edits.DataVersionAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
        request.HttpContext.Response.Headers.ETag = ETag(outcome.Version);
    }

    private static string? IdempotencyKey(HttpRequest request)
    {
        var values = request.Headers["Idempotency-Key"];
        if (values.Count == 0)
        {
            return null;
        }

        var key = values.ToString().Trim().Trim('"');
        return values.Count == 1 && key.Length is > 0 and <= 200
            ? key
            : throw new ProblemException(StatusCodes.Status400BadRequest, "Idempotency-Key is one value of 1 to 200 characters", "Idempotency-Key");
    }

    private static Crs BodyCrs(HttpRequest request)
    {
        if (request.Headers["Content-Crs"].ToString().Trim('<', '>', ' ') is { Length: > 0 } text && text != ItemsParameters.Crs84)
        {
            if (!CrsNames.TryParse(text, out var parsed) || CrsNames.IsGeographic(parsed.Value))
            {
                throw new ProblemException(StatusCodes.Status400BadRequest, $"Content-Crs '{RequestGrammar.Shorten(text)}' is not supported for bodies; use CRS84, EPSG:4547 or EPSG:3857", "Content-Crs");
            }

            return parsed.Value;
        }

        return Crs.Epsg4326;
    }

    /// <summary>The feature after the merge patch, in the storage CRS and checked, and whether it differs from <paramref name="current"/>.</summary>
    private static async Task<(FeatureRecord Feature, bool Changed)> ReadPatchAsync(HttpRequest request, FeatureRecord current, ImportLayer layer, bool allowGeometry, EditStore edits, CancellationToken ct)
    {
        var crs = BodyCrs(request);
        // The status is carried only when the patch changes it: a status in the feature means "record this event".
        var properties = current.Properties.Where(p => p.Key != "status").ToDictionary(p => p.Key, p => p.Value);
        var geometry = current.Geometry;
        var changed = false;
        JsonObject patch;
        try
        {
            patch = JsonNode.Parse(await JsonBodies.ReadAsync(request, ct).ConfigureAwait(false)) as JsonObject
                ?? throw new ProblemException(StatusCodes.Status400BadRequest, "a merge patch is a JSON object", "body");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, $"the body is not JSON: {e.Message}", "body");
        }

        if (patch.FirstOrDefault(m => m.Key is not ("type" or "properties" or "geometry" or "id")) is { Key: { } unknown })
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, $"a merge patch of a feature has properties and geometry, not '{RequestGrammar.Shorten(unknown)}'", unknown);
        }

        if (patch.TryGetPropertyValue("properties", out var given))
        {
            if (given is not JsonObject changes)
            {
                throw new ProblemException(StatusCodes.Status400BadRequest, "properties is a JSON object of the members to change", "properties");
            }

            var editable = new[] { "category", layer == ImportLayer.Sites ? "description" : "text", "status" };
            foreach (var (key, value) in changes)
            {
                if (!editable.Contains(key))
                {
                    throw new ProblemException(StatusCodes.Status400BadRequest, $"'{RequestGrammar.Shorten(key)}' cannot be changed; a {layer.Name} patch changes {string.Join(", ", editable)}", key);
                }

                if (value is JsonObject or JsonArray)
                {
                    throw new ProblemException(StatusCodes.Status400BadRequest, $"{RequestGrammar.Shorten(key)} takes a text or number, not an object or array", key);
                }

                var text = value?.ToString();
                changed |= key == "status" ? text is not null && !SameStatus(layer, text, current.Properties.GetValueOrDefault("status")?.ToString())
                    : text != properties.GetValueOrDefault(key)?.ToString();
                properties[key] = text;
            }
        }

        var raw = new FeatureRecord(1, geometry, properties);
        var extent = await edits.ServiceExtentAsync(ct).ConfigureAwait(false);
        if (patch.TryGetPropertyValue("geometry", out var geometryNode))
        {
            if (!allowGeometry)
            {
                throw new ProblemException(StatusCodes.Status400BadRequest, $"the place of a {layer.Name} feature does not change", "geometry");
            }

            if (geometryNode is not JsonObject)
            {
                throw new ProblemException(StatusCodes.Status400BadRequest, "geometry is a GeoJSON geometry object", "geometry");
            }

            Geometry(geometryNode, out var patchedGeometry);
            var (moved, problems) = FeaturePreparation.Prepare(raw with { Geometry = patchedGeometry }, layer, crs, extent);
            ThrowIfAny(problems);
            changed |= !moved.Geometry!.EqualsExact(current.Geometry);
            raw = moved;
        }

        // The status stays out of the feature unless it changes, so the same status is not recorded again
        // (also when the patch names it by its zh-CN label: "发现" is "found").
        if (!properties.ContainsKey("status") || properties["status"] is null || SameStatus(layer, properties["status"]!.ToString()!, current.Properties.GetValueOrDefault("status")?.ToString()))
        {
            properties.Remove("status");
        }

        var feature = raw with { Properties = properties };
        ThrowIfAny(FeatureValidator.Validate(feature, layer, extent));
        return (feature, changed);
    }

    /// <summary>Whether a status given by key or zh-CN label is the one the feature has.</summary>
    private static bool SameStatus(ImportLayer layer, string given, string? current) =>
        current is not null && layer.Enums.TryGetValue("status", out var type)
            && DomainLabels.Parse(type, given) is { } a && DomainLabels.Parse(type, current) is { } b && Equals(a, b);

    private static void Geometry(JsonNode node, out NetTopologySuite.Geometries.Geometry geometry)
    {
        try
        {
            geometry = FeatureFiles.ParseGeometry(node.ToJsonString());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or NotSupportedException)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, $"the geometry cannot be read: {e.Message}", "geometry");
        }
    }

    private static async Task<FeatureRecord> ReadFeatureAsync(HttpRequest request, ImportLayer layer, EditStore edits, CancellationToken ct)
    {
        var crs = BodyCrs(request);
        FeatureRecord raw;
        try
        {
            raw = FeatureFiles.ParseFeature(await JsonBodies.ReadAsync(request, ct).ConfigureAwait(false));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or NotSupportedException)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, $"the body is not a GeoJSON Feature: {e.Message}", "body");
        }

        var (feature, problems) = FeaturePreparation.Prepare(raw, layer, crs, await edits.ServiceExtentAsync(ct).ConfigureAwait(false));
        ThrowIfAny(problems);
        return feature;
    }

    private static int IfMatch(HttpRequest request)
    {
        var text = request.Headers.IfMatch.ToString();
        if (text.Length == 0)
        {
            throw new ProblemException(StatusCodes.Status428PreconditionRequired, "send If-Match with the ETag you read, so that no one else's change is overwritten", "If-Match");
        }

        return int.TryParse(text.Trim().TrimStart('W', '/').Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ProblemException(StatusCodes.Status412PreconditionFailed, $"If-Match '{RequestGrammar.Shorten(text)}' is not a version this server gave", "If-Match");
    }

    private static void ThrowIfAny(IReadOnlyList<ImportProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw Invalid(problems);
        }
    }

    private static ProblemException Invalid(IReadOnlyList<ImportProblem> problems) =>
        new(problems.Any(p => p.Reason.Contains("exists already", StringComparison.Ordinal)) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
            "the feature was refused: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}")), problems[0].Field,
            new Dictionary<string, object?> { ["errors"] = problems.Select(p => new { field = p.Field, reason = p.Reason }).ToList() });

    private static ProblemException Stale(HttpRequest request, string featureId, int version)
    {
        request.HttpContext.Response.Headers.ETag = ETag(version);
        return new ProblemException(StatusCodes.Status412PreconditionFailed, $"'{RequestGrammar.Shorten(featureId)}' has changed since that version: it is now {ETag(version)}; fetch it again", "If-Match");
    }

    private static ProblemException NotFound(string collectionId, string featureId) =>
        new(StatusCodes.Status404NotFound, $"no feature '{RequestGrammar.Shorten(featureId)}' in collection {collectionId}");

    private static ProblemException ReadOnly(string collectionId) =>
        new(StatusCodes.Status405MethodNotAllowed, $"collection {RequestGrammar.Shorten(collectionId)} cannot be changed this way: {Editable} can be created, replaced, updated and deleted (signed in), reports filed by anyone and updated by those who handle them");
}
