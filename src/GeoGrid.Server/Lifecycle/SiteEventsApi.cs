using System.Globalization;
using System.Text.Json.Nodes;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Lifecycle;
using GeoGrid.Server.Access;
using GeoGrid.Server.Features;
using GeoGrid.Server.Http;
using GeoGrid.Server.Tiles;
using GeoGrid.Storage.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace GeoGrid.Server.Lifecycle;

/// <summary>
/// The 四乱 lifecycle over HTTP. <c>…/sites/items/{id}/events</c>: GET the timeline (who did what when,
/// hours at each step, 立拆立清 times, due time), POST a step (<c>{"status":"demolished","note":…}</c>;
/// 409 names the states allowed next, 403 when the role may not). <c>…/attachments</c>: POST a photo or
/// document (the body, with its Content-Type; optional <c>Content-Digest</c> is checked), GET it back.
/// <c>/sites/overdue</c> lists open sites past their step's deadline; <c>/ogc/collections/grids-N/items/{code}/events</c>
/// is a grid's timeline. Actors' names are shown to signed-in staff only.
/// </summary>
public static class SiteEventsApi
{
    private const string Sites = "/ogc/collections/sites/items/{featureId}";

    public static IEndpointRouteBuilder MapSiteEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Sites + "/events", TimelineAsync).WithTags("Lifecycle").WithSummary("A site's timeline: events, attachments, 立拆立清 times, due time");
        app.MapPost(Sites + "/events", StepAsync).AcceptJsonOnly().RequireAuthorization(Policies.EditSites).WithTags("Lifecycle")
            .WithSummary("Move a site one step on its lifecycle (found → verified → assigned → demolished → cleared → accepted; rejected, duplicate)");
        app.MapPost(Sites + "/attachments", AttachAsync).RequireAuthorization(Policies.EditSites).WithTags("Lifecycle")
            .WithSummary($"Attach a photo or document ({string.Join(", ", AttachmentCheck.Types)}) to a site's event");
        app.MapGet(Sites + "/attachments/{attachmentId:long}", AttachmentAsync).WithTags("Lifecycle").WithSummary("An attachment, with its content type and SHA-256");
        app.MapGet("/sites/overdue", OverdueAsync).WithTags("Lifecycle").WithSummary("Open sites past their current step's deadline (area: code or name)");
        app.MapGet("/ogc/collections/{collectionId:regex(^grids-[123]$)}/items/{featureId}/events", GridTimelineAsync).WithTags("Lifecycle")
            .WithSummary("What happened in a grid and the grids under it: its sites' and reports' events, newest first");
        return app;
    }

    public static async Task<IResult> TimelineAsync(string featureId, HttpContext context, NpgsqlDataSource dataSource, CancellationToken ct) =>
        await SiteTimeline.SiteAsync(dataSource, featureId, Staff(context), ct).ConfigureAwait(false) is { } json
            ? TypedResults.Text(WithNextSteps(json, context.Actor()).ToJsonString(), "application/json; charset=utf-8")
            : throw new ProblemException(StatusCodes.Status404NotFound, $"no site '{RequestGrammar.Shorten(featureId)}'");

    /// <summary>The timeline with <c>next</c>: the statuses the caller's role may move the site to (none for
    /// the public, none once it is closed), so a client offers only the steps that will be accepted.</summary>
    private static JsonObject WithNextSteps(string timeline, Core.Access.Actor actor)
    {
        var node = JsonNode.Parse(timeline)!.AsObject();
        var status = DomainLabels.Parse<SiteStatus>(node["status"]!.GetValue<string>())!.Value;
        node["next"] = new JsonArray([.. SiteLifecycle.Next(status, actor.Role).Select(s => (JsonNode)DomainLabels.Key(s))]);
        return node;
    }

    public static async Task<IResult> StepAsync(string featureId, HttpRequest request, EditStore edits, NpgsqlDataSource dataSource, TileCache cache, CancellationToken ct)
    {
        var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
        if (body.FirstOrDefault(m => m.Key is not ("status" or "note" or "duplicate_of")) is { Key: { } unknown })
        {
            throw new ParameterException(unknown, $"a step has status, note and (for a duplicate) duplicate_of, not '{RequestGrammar.Shorten(unknown)}'");
        }

        var statusText = JsonBodies.Text(body, "status", 50) ?? throw new ParameterException("status", "a step names the status it moves the site to");
        var status = DomainLabels.Parse<SiteStatus>(statusText)
            ?? throw new ParameterException("status", $"'{RequestGrammar.Shorten(statusText)}' is not a site status; use one of {string.Join(", ", Enum.GetValues<SiteStatus>().Select(s => $"{DomainLabels.Key(s)} ({DomainLabels.Zh(s)})"))}");
        var step = new SiteEdits.Step(status, JsonBodies.Text(body, "note", 2000) ?? "", JsonBodies.Text(body, "duplicate_of", 100));
        var outcome = await edits.StepSiteAsync(featureId, step, request.HttpContext.Actor(), ct).ConfigureAwait(false);
        FeatureEditsApi.ThrowIfRefused(outcome, "sites", featureId);
        await FeatureEditsApi.CommittedAsync("sites", outcome, request, edits, cache, ct).ConfigureAwait(false);
        return TypedResults.Created($"{request.Scheme}://{request.Host}/ogc/collections/sites/items/{featureId}/events",
            await SiteTimeline.SiteAsync(dataSource, featureId, true, ct).ConfigureAwait(false) is { } json ? WithNextSteps(json, request.HttpContext.Actor()) : null);
    }

    public static async Task<IResult> AttachAsync(string featureId, HttpRequest request, EditStore edits, IConfiguration configuration, CancellationToken ct)
    {
        var maxBytes = configuration.GetValue("GeoGrid:Attachments:MaxMegabytes", 10) << 20;
        var contentType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType.Value ?? "" : "";
        if (!AttachmentCheck.Types.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            throw new ProblemException(StatusCodes.Status415UnsupportedMediaType, $"attachments are {string.Join(", ", AttachmentCheck.Types)}, not '{RequestGrammar.Shorten(request.ContentType ?? "none")}'", "Content-Type");
        }

        if (request.ContentLength > maxBytes)
        {
            throw new ProblemException(StatusCodes.Status413PayloadTooLarge, $"the attachment has {request.ContentLength:N0} bytes; at most {maxBytes:N0}", "body");
        }

        var content = await ReadAsync(request, maxBytes, ct).ConfigureAwait(false);
        if (AttachmentCheck.Refusal(contentType, content, maxBytes) is { } why)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, why, "body");
        }

        CheckDigest(request, content);
        var eventId = RequestGrammar.Single(request.Query, "event") is { } e
            ? long.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new ParameterException("event", "event is the id of one of the site's events")
            : (long?)null;
        var name = FileName(request, contentType);
        var (stored, refusal) = await edits.AttachAsync(featureId, eventId, name, contentType.ToLowerInvariant(), content,
            $"/ogc/collections/sites/items/{featureId}/attachments/{{id}}", request.HttpContext.Actor(), ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            FeatureEditsApi.ThrowIfRefused(refusal, "sites", featureId);
        }

        var href = $"{request.Scheme}://{request.Host}/ogc/collections/sites/items/{featureId}/attachments/{stored!.Id}";
        return TypedResults.Created(href, new { id = stored.Id, @event = stored.EventId, file_name = name, content_type = contentType.ToLowerInvariant(), size = content.Length, sha256 = stored.Sha256Hex, href });
    }

    public static async Task<IResult> AttachmentAsync(string featureId, long attachmentId, HttpContext context, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var file = await SiteAttachments.ReadAsync(dataSource, featureId, attachmentId, ct).ConfigureAwait(false)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, $"site '{RequestGrammar.Shorten(featureId)}' has no attachment {attachmentId}");
        // RFC 9530: the digest the file was stored with, so a client can check what it received.
        context.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(file.Sha256)}:";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(file.Name)}";
        return TypedResults.File(file.Content, file.ContentType, lastModified: file.At, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Convert.ToHexStringLower(file.Sha256)}\""));
    }

    public static async Task<IResult> OverdueAsync(HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var area = await AreaParameter.ReadAsync(dataSource, RequestGrammar.Single(request.Query, "area"), "area", ct).ConfigureAwait(false);
        var at = RequestGrammar.Instant(request.Query, "at") ?? DateTimeOffset.UtcNow;
        var list = await SiteTimeline.OverdueAsync(dataSource, area?.Code, at, ct).ConfigureAwait(false);
        return TypedResults.Text($"{{\"at\":\"{at.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}\",\"area\":{(area is { } a ? System.Text.Json.JsonSerializer.Serialize(new { code = a.Code, name = a.Name }) : "null")},\"sites\":{list}}}",
            "application/json; charset=utf-8");
    }

    public static async Task<IResult> GridTimelineAsync(string collectionId, string featureId, HttpContext context, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var limit = RequestGrammar.Int(context.Request.Query, "limit", 100, 1, 1000);
        return await SiteTimeline.GridAsync(dataSource, featureId, Staff(context), limit, ct).ConfigureAwait(false) is { } json
            ? TypedResults.Text(json, "application/json; charset=utf-8")
            : throw new ProblemException(StatusCodes.Status404NotFound, $"no grid '{RequestGrammar.Shorten(featureId)}' in {collectionId}");
    }

    /// <summary>Whether the caller sees who did what: anyone signed in with a working role.</summary>
    private static bool Staff(HttpContext context) => context.Actor() is { IsUser: true, Role: not Core.Access.Role.Public };

    private static async Task<byte[]> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes;
        }

        return await JsonBodies.ReadAsync(request, maxBytes, ct).ConfigureAwait(false);
    }

    /// <summary>A client that sends <c>Content-Digest: sha-256=:…:</c> (RFC 9530) learns at once when its upload was damaged.</summary>
    private static void CheckDigest(HttpRequest request, byte[] content)
    {
        var header = request.Headers["Content-Digest"].ToString();
        if (header.Length == 0)
        {
            return;
        }

        var sha = header.Split(',').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("sha-256=:", StringComparison.OrdinalIgnoreCase) && p.EndsWith(':'));
        if (sha is null)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "Content-Digest is checked as sha-256=:<base64>: (RFC 9530)", "Content-Digest");
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(sha["sha-256=:".Length..^1]);
        }
        catch (FormatException)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "Content-Digest's sha-256 is not base64", "Content-Digest");
        }

        if (!given.AsSpan().SequenceEqual(System.Security.Cryptography.SHA256.HashData(content)))
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "the body's SHA-256 is not the one Content-Digest names: the upload was damaged; nothing was kept", "Content-Digest");
        }
    }

    private static string FileName(HttpRequest request, string contentType)
    {
        var given = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? (disposition.FileNameStar.Value ?? disposition.FileName.Value)?.Trim('"')
            : RequestGrammar.Single(request.Query, "name");
        var name = Path.GetFileName(given ?? "");
        if (name.Length is 0 or > 200 || name.Any(char.IsControl))
        {
            name = "attachment" + contentType switch { "image/jpeg" => ".jpg", "image/png" => ".png", "image/webp" => ".webp", _ => ".pdf" };
        }

        return name;
    }
}
