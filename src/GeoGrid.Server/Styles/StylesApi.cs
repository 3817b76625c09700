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

    /// <summary>An empty glyph set (a valid, empty protobuf message) for every range: CJK labels are drawn
    /// with the browser's local font, and no SDF glyph files are shipped yet, so Latin characters in
    /// labels are not drawn. Answering empty keeps the map free of failed requests.</summary>
    public static FileContentHttpResult Glyphs(string fontstack, string range) =>
        TypedResults.File(Array.Empty<byte>(), "application/x-protobuf");
}
