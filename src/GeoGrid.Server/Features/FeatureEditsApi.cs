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
/// OGC API – Features Part 4 for 四乱 sites, the layer inspectors edit: POST creates, PUT replaces and
/// DELETE removes, the last two only with <c>If-Match</c> naming the current version (412 otherwise).
/// Bodies are GeoJSON Features in CRS84 unless <c>Content-Crs</c> says otherwise; they pass the same
/// checks as an import. Every change empties the cached tiles it touches. Other collections are read-only.
/// </summary>
public static class FeatureEditsApi
{
    private const string Editable = "sites";
    private const string Actor = "api";

    public static IEndpointRouteBuilder MapFeatureEditsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/ogc/collections/{collectionId}/items", CreateAsync);
        app.MapPut("/ogc/collections/{collectionId}/items/{featureId}", ReplaceAsync);
        app.MapDelete("/ogc/collections/{collectionId}/items/{featureId}", DeleteAsync);
        return app;
    }

    public static async Task<IResult> CreateAsync(string collectionId, HttpRequest request, NpgsqlDataSource dataSource, TileCache cache, CancellationToken ct)
    {
        if (collectionId != Editable)
        {
            return ReadOnly(collectionId);
        }

        var (feature, problem) = await ReadFeatureAsync(request, dataSource, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await SiteEdits.CreateAsync(dataSource, feature!, Actor, ct).ConfigureAwait(false);
        if (outcome.Result == EditResult.Refused)
        {
            return Invalid(outcome.Problems!);
        }

        cache.Invalidate(Editable, outcome.Touched!);
        await cache.AcknowledgeAsync(await DataVersion.ReadAsync(dataSource, ct).ConfigureAwait(false)).ConfigureAwait(false);
        request.HttpContext.Response.Headers.ETag = ETag(outcome.Version);
        return TypedResults.Created($"{request.Scheme}://{request.Host}/ogc/collections/{Editable}/items/{outcome.Code}", new { id = outcome.Code });
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

        var (feature, problem) = await ReadFeatureAsync(request, dataSource, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await AnswerAsync(await SiteEdits.ReplaceAsync(dataSource, featureId, version, feature!, Actor, ct).ConfigureAwait(false), featureId, request, dataSource, cache, TypedResults.NoContent(), ct).ConfigureAwait(false);
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

        return await AnswerAsync(await SiteEdits.DeleteAsync(dataSource, featureId, version, Actor, ct).ConfigureAwait(false), featureId, request, dataSource, cache, TypedResults.NoContent(), ct).ConfigureAwait(false);
    }

    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static async Task<IResult> AnswerAsync(EditOutcome outcome, string featureId, HttpRequest request, NpgsqlDataSource dataSource, TileCache cache, IResult done, CancellationToken ct)
    {
        switch (outcome.Result)
        {
            case EditResult.NotFound:
                return TypedResults.Problem($"no feature '{featureId}' in collection {Editable}", statusCode: StatusCodes.Status404NotFound);
            case EditResult.Stale:
                request.HttpContext.Response.Headers.ETag = ETag(outcome.Version);
                return TypedResults.Problem($"'{featureId}' has changed since that version: it is now {ETag(outcome.Version)}; fetch it again", statusCode: StatusCodes.Status412PreconditionFailed,
                    extensions: new Dictionary<string, object?> { ["parameter"] = "If-Match" });
            case EditResult.Refused:
                return Invalid(outcome.Problems!);
            default:
                cache.Invalidate(Editable, outcome.Touched!);
                await cache.AcknowledgeAsync(await DataVersion.ReadAsync(dataSource, ct).ConfigureAwait(false)).ConfigureAwait(false);
                request.HttpContext.Response.Headers.ETag = ETag(outcome.Version);
                return done;
        }
    }

    private static async Task<(FeatureRecord? Feature, IResult? Problem)> ReadFeatureAsync(HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var crs = Crs.Epsg4326;
        if (request.Headers["Content-Crs"].ToString().Trim('<', '>', ' ') is { Length: > 0 } text && text != ItemsParameters.Crs84)
        {
            if (!CrsNames.TryParse(text, out var parsed) || CrsNames.IsGeographic(parsed.Value))
            {
                return (null, TypedResults.Problem($"Content-Crs '{text}' is not supported for bodies; use CRS84, EPSG:4547 or EPSG:3857", statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["parameter"] = "Content-Crs" }));
            }

            crs = parsed.Value;
        }

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
        var problems = FeatureValidator.Validate(feature, ImportLayer.Sites, await ServiceExtent.ReadAsync(dataSource, ct).ConfigureAwait(false));
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
        TypedResults.Problem($"collection {collectionId} is read-only; only {Editable} can be edited", statusCode: StatusCodes.Status405MethodNotAllowed);
}
