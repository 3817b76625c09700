using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace GeoGrid.Server.Http;

/// <summary>
/// The rule for request bodies: JSON media types only, and at most <see cref="MaxBytes"/>. A browser
/// sends <c>text/plain</c> and form bodies from any page without asking (no CORS preflight), so a write
/// that took them could be made by any web site a user opens; JSON needs a preflight, which CORS refuses
/// for writes.
/// </summary>
public static class JsonBodies
{
    /// <summary>A feature with a detailed polygon fits many times over; a 10 MB description does not.</summary>
    public const long MaxBytes = 1 << 20;

    private static readonly string[] s_accepted = ["application/json", "application/geo+json", "application/merge-patch+json"];

    public static TBuilder AcceptJsonOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            Check(context.HttpContext);
            return await next(context).ConfigureAwait(false);
        });

    public static void Check(HttpContext context)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !s_accepted.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            throw new ProblemException(StatusCodes.Status415UnsupportedMediaType,
                $"the body must be one of {string.Join(", ", s_accepted)}, not '{RequestGrammar.Shorten(request.ContentType ?? "none")}'", "Content-Type");
        }

        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProblemException(StatusCodes.Status415UnsupportedMediaType, "JSON bodies are UTF-8", "Content-Type");
        }

        if (request.ContentLength > MaxBytes)
        {
            throw new ProblemException(StatusCodes.Status413PayloadTooLarge, $"the body has {request.ContentLength} bytes; this endpoint takes at most {MaxBytes}", "body");
        }

        // A chunked body has no length up front; the server stops reading it at the limit (413).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBytes;
        }
    }

    /// <summary>The whole body, never more than <see cref="MaxBytes"/> (also where no server limit applies, as in tests).</summary>
    public static Task<byte[]> ReadAsync(HttpRequest request, CancellationToken ct) => ReadAsync(request, MaxBytes, ct);

    /// <summary>The whole body, never more than <paramref name="maxBytes"/> (413 past it).</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new ProblemException(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {maxBytes:N0} bytes", "body");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The body as a JSON object (400 naming the body otherwise).</summary>
    public static async Task<System.Text.Json.Nodes.JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(await ReadAsync(request, ct).ConfigureAwait(false)) as System.Text.Json.Nodes.JsonObject
                ?? throw new ProblemException(StatusCodes.Status400BadRequest, "the body is a JSON object", "body");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, $"the body is not JSON: {e.Message}", "body");
        }
    }

    /// <summary>A text member of a JSON object: null when absent, 400 naming it when it is not a string or is longer than <paramref name="maxLength"/>.</summary>
    public static string? Text(System.Text.Json.Nodes.JsonObject body, string name, int maxLength = 2000)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, $"{name} is a text", name);
        }

        var text = node.GetValue<string>();
        return text.Length <= maxLength ? text : throw new ProblemException(StatusCodes.Status400BadRequest, $"{name} has {text.Length} characters; at most {maxLength}", name);
    }
}
