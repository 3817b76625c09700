using System.Collections.Concurrent;
using GeoGrid.Server.Glyphs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GeoGrid.Server.Styles;

/// <summary><c>/styles/{style}.json</c> and the glyph ranges the style names.</summary>
public static class StylesApi
{
    public const string DefaultStyle = "geogrid";

    public static IEndpointRouteBuilder MapStylesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/styles/{style}.json", Style);
        app.MapGet("/fonts/{fontstack}/{range}.pbf", Glyphs);
        return app;
    }

    public static Results<Ok<Dictionary<string, object>>, ProblemHttpResult> Style(string style, HttpRequest request) =>
        style == DefaultStyle
            ? TypedResults.Ok(StyleJson.Build($"{request.Scheme}://{request.Host}"))
            : Http.Problems.NotFound($"no style '{Http.RequestGrammar.Shorten(style)}'; the style is '{DefaultStyle}'");

    // The ranges below U+3000 (Latin, digits, punctuation, symbols: ~90 KB each, 48 at most) are drawn once
    // per process. CJK ranges (~220 KB, 70 ms each) are drawn per request: MapLibre draws those characters
    // with the browser's font and never asks, so only other clients pay, and the cache stays small.
    private const int CachedBelow = 0x3000;
    private static readonly ConcurrentDictionary<int, Lazy<byte[]>> s_glyphs = new();

    /// <summary>The glyphs of one range of code points, drawn from the label font whatever stack the style
    /// names (GeoGrid has one font); cached by clients for a day since they change only with the font.</summary>
    public static Results<FileContentHttpResult, ProblemHttpResult> Glyphs(string fontstack, string range, HttpContext context)
    {
        if (GlyphRange.Parse(range) is not { } first)
        {
            return Http.Problems.NotFound($"no glyph range '{Http.RequestGrammar.Shorten(range)}'; ranges are 256 code points, 0-255 to {GlyphRange.LastStart}-{GlyphRange.LastStart + GlyphRange.Size - 1}");
        }

        var glyphs = first < CachedBelow
            ? s_glyphs.GetOrAdd(first, f => new Lazy<byte[]>(() => GlyphRange.Render(StyleJson.Font, f))).Value
            : GlyphRange.Render(StyleJson.Font, first);
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.File(glyphs, "application/x-protobuf");
    }
}
