using System.Net;
using System.Text;
using GeoGrid.Storage.Catalog;
using GeoGrid.Storage.Tiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace GeoGrid.Server.Landing;

/// <summary>The landing page: what GeoGrid serves and how many features each layer holds, as HTML
/// for a person and JSON (<c>?f=json</c> or <c>Accept: application/json</c>) for a program.</summary>
public static class LandingApi
{
    public static IEndpointRouteBuilder MapLandingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetLandingAsync).WithName("landing");
        app.MapGet("/api/layers", async (NpgsqlDataSource ds, CancellationToken ct) => TypedResults.Ok(await LayerCounts.ReadAsync(ds, ct).ConfigureAwait(false)));
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<LayerCount>>, ContentHttpResult>> GetLandingAsync(HttpRequest request, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var layers = await LayerCounts.ReadAsync(dataSource, cancellationToken).ConfigureAwait(false);
        var wantsJson = request.Query["f"] == "json" || (request.Query["f"].Count == 0 && request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase));
        return wantsJson ? TypedResults.Ok(layers) : TypedResults.Content(Html(layers), "text/html; charset=utf-8");
    }

    private static string Html(IReadOnlyList<LayerCount> layers)
    {
        var mapped = TileCatalog.Layers.Select(l => l.Id).ToHashSet();
        var rows = new StringBuilder();
        foreach (var l in layers)
        {
            var toggle = mapped.Contains(l.Id) ? $"<input type=\"checkbox\" checked data-layer=\"{WebUtility.HtmlEncode(l.Id)}\" aria-label=\"{WebUtility.HtmlEncode(l.Title)}\">" : string.Empty;
            rows.Append("<tr><td>").Append(toggle).Append("</td><td>").Append(WebUtility.HtmlEncode(l.Title)).Append("</td><td><code>").Append(WebUtility.HtmlEncode(l.Id))
                .Append("</code></td><td class=\"n\">").Append(l.Features.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        return $$"""
            <!doctype html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><title>GeoGrid 郑州网格化治理</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="stylesheet" href="/viewer/maplibre-gl/maplibre-gl.css">
            <link rel="stylesheet" href="/viewer/app.css"></head>
            <body>
            <div id="side">
            <h1>GeoGrid · 郑州网格化治理</h1>
            <p>网格、路长制与黄河滩区“四乱”的空间服务。</p>
            <h2>图层 Layers</h2>
            <table id="layers"><thead><tr><th></th><th>图层</th><th>id</th><th class="n">要素数</th></tr></thead><tbody>
            {{rows}}</tbody></table>
            <h2>分析 Analyses</h2>
            <p><label><input type="checkbox" id="density"> 随手拍核密度 (quartic KDE)</label></p>
            <p><label>区域 <input id="hotspot-area" value="410182201" size="11" aria-label="area code"></label>
            <button id="hotspots">热点分析 Gi*</button> <span id="hotspot-status"></span></p>
            <p><a href="/analyses">/analyses</a> · <a href="/analyses/responsibility?lon=113.18&amp;lat=34.85">谁负责这里？</a></p>
            <p><a href="/ogc">OGC API</a> · <a href="/tiles">/tiles</a> · <a href="/styles/geogrid.json">style</a> · <a href="/health">/health</a> · <a href="/?f=json">JSON</a></p>
            </div>
            <div id="map"></div>
            <script type="module" src="/viewer/app.js"></script>
            </body></html>
            """;
    }
}
