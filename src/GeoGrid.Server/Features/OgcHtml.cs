using System.Net;
using System.Text;
using System.Text.Json;
using GeoGrid.Storage.Collections;
using Microsoft.AspNetCore.Http;

namespace GeoGrid.Server.Features;

/// <summary>
/// HTML views of the OGC API for a person in a browser: the collections and a page of features as a
/// table, with the same paging links as the JSON. <c>f=html</c> or <c>f=json</c> choose; without
/// <c>f</c>, a browser's <c>Accept: text/html</c> gets HTML.
/// </summary>
public static class OgcHtml
{
    public static bool Wanted(HttpRequest request) =>
        request.Query["f"].ToString() is var f && (f == "html" || (f.Length == 0 && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)));

    public static string Collections(IEnumerable<Collection> collections)
    {
        var rows = new StringBuilder();
        foreach (var c in collections)
        {
            rows.Append($"<tr><td><a href=\"/ogc/collections/{E(c.Id)}/items?f=html\">{E(c.Title)}</a></td><td><code>{E(c.Id)}</code></td><td>{E(c.Description)}</td></tr>\n");
        }

        return Page("集合 Collections", $"<table><thead><tr><th>标题</th><th>id</th><th>说明</th></tr></thead><tbody>{rows}</tbody></table><p><a href=\"/ogc/collections?f=json\">JSON</a></p>");
    }

    public static string Items(Collection collection, IReadOnlyList<string> features, long matched, ItemsRequest r, Func<int, string> pageUrl)
    {
        var names = (r.Select ?? collection.Properties).Select(p => p.Name).ToList();
        var rows = new StringBuilder();
        foreach (var json in features)
        {
            using var doc = JsonDocument.Parse(json);
            var properties = doc.RootElement.GetProperty("properties");
            var id = doc.RootElement.GetProperty("id").ToString();
            rows.Append($"<tr><td><a href=\"/ogc/collections/{E(collection.Id)}/items/{E(id)}?f=json\">{E(id)}</a></td>");
            foreach (var n in names)
            {
                rows.Append("<td>").Append(properties.TryGetProperty(n, out var v) && v.ValueKind != JsonValueKind.Null ? E(v.ToString()) : string.Empty).Append("</td>");
            }

            rows.Append("</tr>\n");
        }

        var links = new List<string>();
        if (r.Offset > 0)
        {
            links.Add($"<a rel=\"prev\" href=\"{E(pageUrl(Math.Max(0, r.Offset - r.Limit)))}\">上一页 prev</a>");
        }

        if ((long)r.Offset + r.Limit < matched)
        {
            links.Add($"<a rel=\"next\" href=\"{E(pageUrl(r.Offset + r.Limit))}\">下一页 next</a>");
        }

        var header = string.Concat(names.Select(n => $"<th>{E(n)}</th>"));
        return Page(collection.Title,
            $"<p>{matched:N0} 个要素 features; {r.Offset + 1:N0}–{r.Offset + features.Count:N0}</p>"
            + $"<table><thead><tr><th>id</th>{header}</tr></thead><tbody>{rows}</tbody></table><p>{string.Join(" · ", links)}</p>");
    }

    /// <summary>One feature: its properties as a two-column table.</summary>
    public static string Feature(Collection collection, string featureJson)
    {
        using var doc = JsonDocument.Parse(featureJson);
        var id = doc.RootElement.GetProperty("id").ToString();
        return Page($"{collection.Title} {id}", FeatureTable(collection, featureJson)
            + $"<p><a href=\"/ogc/collections/{E(collection.Id)}/items/{E(Uri.EscapeDataString(id))}?f=json\">GeoJSON</a> · <a href=\"/ogc/collections/{E(collection.Id)}/items?f=html\">{E(collection.Title)}</a></p>");
    }

    /// <summary>A feature's properties as an HTML table under its collection's title (also WMS GetFeatureInfo's text/html).</summary>
    public static string FeatureTable(Collection collection, string featureJson)
    {
        using var doc = JsonDocument.Parse(featureJson);
        var id = doc.RootElement.GetProperty("id").ToString();
        var rows = new StringBuilder();
        foreach (var p in doc.RootElement.GetProperty("properties").EnumerateObject())
        {
            rows.Append($"<tr><th>{E(p.Name)}</th><td>{(p.Value.ValueKind == JsonValueKind.Null ? string.Empty : E(p.Value.ToString()))}</td></tr>\n");
        }

        return $"<h2>{E(collection.Title)} {E(id)}</h2><table><tbody>{rows}</tbody></table>\n";
    }

    /// <summary>Any JSON answer (landing page, conformance, a collection) for a person: indented, links clickable.</summary>
    public static string Json(string title, object value)
    {
        var json = JsonSerializer.Serialize(value, s_indented);
        var linked = System.Text.RegularExpressions.Regex.Replace(E(json), "&quot;(https?://[^&\\s]+)&quot;", m => $"&quot;<a href=\"{m.Groups[1].Value}\">{m.Groups[1].Value}</a>&quot;");
        return Page(title, $"<pre>{linked}</pre>");
    }

    private static readonly JsonSerializerOptions s_indented = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, string body) => $$"""
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>{{E(title)}} · GeoGrid</title>
        <style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left;font-size:.9rem}</style></head>
        <body><p><a href="/">GeoGrid</a> · <a href="/ogc/collections?f=html">集合 collections</a></p><h1>{{E(title)}}</h1>
        {{body}}
        </body></html>
        """;
}
