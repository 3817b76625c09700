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

    /// <summary>The layer panel's groups, the way the people who use the map think of them.</summary>
    private static readonly (string Title, string[] Layers)[] s_groups =
    [
        ("行政区划", ["districts", "towns", "villages"]),
        ("网格", ["grids-1", "grids-2", "grids-3"]),
        ("路长制", ["road-segments", "duty-units"]),
        ("黄河滩区", ["floodplain-zones", "rivers"]),
        ("四乱", ["sites"]),
        ("随手拍", ["reports"]),
    ];

    private static string Html(IReadOnlyList<LayerCount> layers)
    {
        var mapped = TileCatalog.Layers.Select(l => l.Id).ToHashSet();
        var byId = layers.ToDictionary(l => l.Id);
        var rows = new StringBuilder();
        foreach (var (title, ids) in s_groups)
        {
            rows.Append("<fieldset class=\"group\"><legend>").Append(WebUtility.HtmlEncode(title)).Append("</legend>\n");
            foreach (var l in ids.Where(byId.ContainsKey).Select(id => byId[id]))
            {
                var toggle = mapped.Contains(l.Id)
                    ? $"<input type=\"checkbox\" checked data-layer=\"{WebUtility.HtmlEncode(l.Id)}\" data-title=\"{WebUtility.HtmlEncode(l.Title)}\">"
                    : string.Empty;
                rows.Append("<label class=\"layer\">").Append(toggle).Append(' ').Append(WebUtility.HtmlEncode(l.Title))
                    .Append(" <span class=\"n\">").Append(l.Features.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append("</span>")
                    .Append("<span class=\"legend\" data-legend=\"").Append(WebUtility.HtmlEncode(l.Id)).Append("\"></span></label>\n");
            }

            rows.Append("</fieldset>\n");
        }

        return $$"""
            <!doctype html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><title>GeoGrid 郑州网格化治理</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="stylesheet" href="/viewer/maplibre-gl/maplibre-gl.css">
            <link rel="stylesheet" href="/viewer/app.css">
            <script type="importmap">{ "imports": { "terra-draw": "/viewer/terra-draw/terra-draw.module.js" } }</script></head>
            <body>
            <div id="map" role="application" aria-label="地图"></div>
            <div id="side">
            <h1>GeoGrid · 郑州网格化治理</h1>
            <section id="account">
            <form id="signin-form" hidden><input id="signin-user" autocomplete="username" placeholder="用户名" aria-label="用户名" size="10">
            <input id="signin-password" type="password" autocomplete="current-password" placeholder="密码" aria-label="密码" size="10">
            <button>登录</button> <span id="signin-status" aria-live="polite"></span></form>
            <p id="whoami-line" hidden><span id="whoami"></span> <button type="button" id="signout">退出</button></p>
            </section>
            <form id="search-form" role="search"><input id="search" type="search" placeholder="搜索 区域、网格、道路、路长、案件编号" aria-label="搜索" autocomplete="off"></form>
            <ul id="results" aria-live="polite"></ul>
            <section id="here" aria-live="polite"><p class="hint">点击地图任一位置，查看“谁负责这里”。</p></section>
            <h2>图层</h2>
            <div id="layers">
            {{rows}}</div>
            <p><label>历史网格 <input type="date" id="asof" aria-label="显示某日的网格"></label> <span id="asof-status" class="hint"></span><br>
            <input type="range" id="asof-slider" min="0" max="0" value="0" step="1" list="asof-changes" aria-label="拖动查看各日的网格（刻度为网格变更日）">
            <datalist id="asof-changes"></datalist></p>
            <section id="plan" hidden>
            <h2>网格调整（规划）</h2>
            <p><input id="plan-root" placeholder="网格或区域编码" size="14" aria-label="方案范围：网格或区域编码">
            <input id="plan-title" placeholder="方案名称" size="9" aria-label="方案名称"> <button type="button" id="plan-open">打开方案</button></p>
            <div id="plan-tools" hidden>
            <p><label>操作层级 <select id="plan-level"></select></label> <span id="plan-selected" class="hint"></span></p>
            <p><button type="button" id="plan-split">分割（画线）</button> <button type="button" id="plan-boundary">移动边界（画线）</button> <button type="button" id="plan-merge">合并</button></p>
            <p><button type="button" id="plan-suggest">建议均衡分割</button> 为 <input id="plan-k" type="number" min="2" max="10" value="2" aria-label="分为几个"> 个</p>
            <p><button type="button" id="plan-reassign">移交给</button> <input id="plan-parent" placeholder="新上级网格编码" size="14" aria-label="新上级网格编码"></p>
            <p><input id="plan-worker-name" placeholder="网格员姓名" size="7" aria-label="网格员姓名"> <input id="plan-worker-phone" placeholder="手机号" size="11" aria-label="网格员手机号">
            <button type="button" id="plan-worker-set">配备网格员</button></p>
            <p><button type="button" id="plan-preview">预览</button> <button type="button" id="plan-apply">应用</button> <button type="button" id="plan-discard">放弃</button></p>
            <div id="plan-preview-table"></div>
            </div>
            <p id="plan-status" class="hint" aria-live="polite"></p>
            </section>
            <h2>四乱巡查</h2>
            <section id="inspect">
            <form id="site-filter"><select id="site-status" aria-label="状态"></select> <select id="site-category" aria-label="类别"></select>
            <select id="site-zone" aria-label="滩区"></select> <label><input type="checkbox" id="site-overdue"> 仅超期</label></form>
            <p id="site-count" class="hint" aria-live="polite"></p>
            <ul id="site-list"></ul>
            <p id="site-add-line" hidden><button type="button" id="site-add">在地图上添加四乱点位</button> <button type="button" id="site-draw">画出四乱范围</button> <span id="site-add-hint" class="hint" aria-live="polite"></span></p>
            <form id="site-new" hidden><select id="site-new-category" aria-label="类别"></select>
            <textarea id="site-new-description" aria-label="描述" placeholder="描述：地点、面积、现状" maxlength="2000" required></textarea>
            <button>保存</button> <button type="button" id="site-new-cancel">取消</button></form>
            <div id="site-detail" aria-live="polite"></div>
            </section>
            <h2>分析</h2>
            <section id="analyse">
            <p><label>区域 <input id="hotspot-area" value="410182201" size="11" aria-label="区域名称或编码"></label>
            <button type="button" id="coverage">覆盖检查</button> <span id="coverage-status" aria-live="polite"></span></p>
            <ul id="coverage-problems"></ul>
            <fieldset id="hotspot-params"><legend>热点与聚类（随手拍）</legend>
            <label>方法 <select id="hotspot-method">
              <option value="hotspots">热点分析 Gi*</option><option value="optimized-hotspots">优化热点（自动距离带）</option>
              <option value="emerging-hotspots">时空热点（按月）</option><option value="clusters">DBSCAN 聚类</option></select></label>
            <span data-for="hotspots optimized-hotspots emerging-hotspots"><label>格元 <select id="hotspot-bin-size"><option>250</option><option selected>500</option><option>1000</option></select> 米</label>
            <label><select id="hotspot-bin-shape" aria-label="格元形状"><option value="hexagon">六边形</option><option value="square">正方形</option></select></label></span>
            <label data-for="hotspots"><input type="checkbox" id="hotspot-fdr" checked> FDR 校正</label>
            <label data-for="hotspots optimized-hotspots">置换 <select id="hotspot-permutations" aria-label="置换检验次数"><option value="0">不做</option><option>99</option><option>999</option></select></label>
            <span data-for="clusters"><label>半径 <input id="cluster-eps" type="number" value="200" min="10" max="5000" step="10" size="5"> 米</label>
            <label>最少点数 <input id="cluster-min-points" type="number" value="5" min="2" max="1000" size="4"></label></span>
            <button type="button" id="hotspots">运行</button> <progress id="job-progress" max="1" hidden></progress> <span id="hotspot-status" aria-live="polite"></span></fieldset>
            <p id="hotspot-legend" class="legend"></p>
            <p><label><input type="checkbox" id="density"> 随手拍核密度 (quartic KDE)</label></p>
            <p id="export" hidden>导出最近结果 <button type="button" id="export-geojson">GeoJSON</button> <button type="button" id="export-csv">CSV</button></p>
            <p><button type="button" id="chart-load">随手拍月度图表</button>
            <button type="button" id="chart-grids">按网格统计</button> <select id="chart-level" aria-label="网格层级"><option value="1">一级</option><option value="2" selected>二级</option><option value="3">三级</option></select>
            <span id="chart-status" aria-live="polite"></span></p>
            <div id="chart"></div>
            </section>
            <p><a href="/analyses">/analyses</a> · <a href="/analyses/responsibility?lon=113.18&amp;lat=34.85">谁负责这里？</a></p>
            <p><a href="/ogc">OGC API</a> · <a href="/tiles">/tiles</a> · <a href="/styles/geogrid.json">style</a> · <a href="/health">/health</a> · <a href="/?f=json">JSON</a></p>
            </div>
            <script type="module" src="/viewer/app.js"></script>
            </body></html>
            """;
    }
}
