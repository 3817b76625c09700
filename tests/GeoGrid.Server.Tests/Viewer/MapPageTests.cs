using GeoGrid.Testing;
using Microsoft.Playwright;

namespace GeoGrid.Server.Tests.Viewer;

/// <summary>
/// The map page in Debian's chromium, driven by Playwright (which is told where the browser is and
/// downloads none): the demo layers render, the layer switcher hides a layer, a click shows the
/// feature's attributes. A screenshot is saved under .geogrid/test-results/.
/// </summary>
[Collection(PostGisCollection.Name)]
public sealed class MapPageTests(PostGisFixture db) : IAsyncLifetime
{
    private readonly LiveServer _server = new(db);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            // No GPU here: WebGL runs on SwiftShader. No background traffic: there is no internet.
            Args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Signs in through the page's form, as a person would, and waits until the page says who is in.</summary>
    private static async Task SignInAsync(IPage page, string user)
    {
        await page.Locator("#signin-user").FillAsync(user);
        await page.Locator("#signin-password").FillAsync(TestUsers.Password);
        await page.Locator("#signin-form button").ClickAsync();
        await page.Locator("#whoami").WaitForAsync(new() { Timeout = 15_000 });
    }

    /// <summary>Saves a screenshot of a step under .geogrid/test-results/ (the CI keeps that folder).</summary>
    private static async Task ShotAsync(IPage page, string name, bool fullPage = false)
    {
        var folder = Path.Combine(RepoPaths.Root, ".geogrid", "test-results");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_map_renders_the_demo_layers_switches_them_and_shows_attributes_on_click()
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        // 高村乡 at z13: 三级 grids, reports and roads are all in view.
        await page.GotoAsync($"{_server.Url}/#13/34.8466/113.1801");
        await page.WaitForFunctionAsync("document.body.dataset.mapIdle === 'true'", null, new() { Timeout = 90_000 });

        async Task<int> RenderedAsync(string layer) =>
            await page.EvaluateAsync<int>($"window.geogridMap.queryRenderedFeatures().filter(f => f.sourceLayer === '{layer}').length");
        foreach (var layer in new[] { "grids-3", "grids-2", "reports", "districts" })
        {
            Assert.True(await RenderedAsync(layer) > 0, $"{layer} is not rendered");
        }

        await ShotAsync(page, "map-gaocun-z13");

        await page.Locator("input[data-layer='reports']").UncheckAsync();
        await page.WaitForFunctionAsync("window.geogridMap.queryRenderedFeatures().every(f => f.sourceLayer !== 'reports')", null, new() { Timeout = 30_000 });

        await page.Mouse.ClickAsync(900, 450);
        var popup = page.Locator(".maplibregl-popup table.attributes");
        await popup.WaitForAsync(new() { Timeout = 15_000 });
        // Attributes read in zh-CN: 编码, not code.
        Assert.Contains("编码", await popup.InnerTextAsync());
        Assert.DoesNotContain("code", await popup.InnerTextAsync());

        // Hot spots of 高村乡 as a layer: the bins drawn are the analysis's, with their Gi* classes.
        await page.Locator("#hotspots").ClickAsync();
        await page.WaitForFunctionAsync("window.geogridMap.getLayer('hotspots') && window.geogridMap.queryRenderedFeatures({ layers: ['hotspots'] }).length > 0", null, new() { Timeout = 60_000 });
        Assert.Matches("热点", await page.Locator("#hotspot-status").InnerTextAsync());
        await page.Locator("#density").CheckAsync();
        await page.WaitForFunctionAsync("window.geogridMap.getSource('density') && window.geogridMap.isSourceLoaded('density')", null, new() { Timeout = 60_000 });
        await ShotAsync(page, "map-gaocun-analyses");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_search_for_高村乡_flies_there_and_a_click_says_who_is_responsible_in_chinese()
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"{_server.Url}/#9/34.75/113.65");
        await page.WaitForFunctionAsync("document.body.dataset.mapLoaded === 'true'", null, new() { Timeout = 90_000 });

        // The town's extent, from PostGIS: the map's centre must come to lie inside it.
        var (w, s, e, n) = (await db.ScalarAsync<double>("SELECT ST_XMin(geom) FROM admin_areas WHERE name = '高村乡'"), await db.ScalarAsync<double>("SELECT ST_YMin(geom) FROM admin_areas WHERE name = '高村乡'"),
            await db.ScalarAsync<double>("SELECT ST_XMax(geom) FROM admin_areas WHERE name = '高村乡'"), await db.ScalarAsync<double>("SELECT ST_YMax(geom) FROM admin_areas WHERE name = '高村乡'"));
        await page.Locator("#search").FillAsync("高村乡");
        await page.Locator("#search").PressAsync("Enter");
        await page.WaitForFunctionAsync(
            FormattableString.Invariant($"(() => {{ const c = window.geogridMap.getCenter(); return !window.geogridMap.isMoving() && c.lng > {w} && c.lng < {e} && c.lat > {s} && c.lat < {n} && window.geogridMap.getZoom() > 10; }})()"),
            null, new() { Timeout = 30_000 });

        // A click in the middle of the map: the panel names the place, its grids and their workers in Chinese.
        await page.WaitForFunctionAsync("document.body.dataset.mapIdle === 'true'", null, new() { Timeout = 60_000 });
        await page.Mouse.ClickAsync(700 + 176, 450);
        await page.Locator("#here dl").WaitForAsync(new() { Timeout = 30_000 });
        var here = await page.Locator("#here").InnerTextAsync();
        Assert.Contains("高村乡", here);
        Assert.Matches("三级网格", here);
        Assert.Matches("网格员|网格长", here);
        Assert.DoesNotContain("grid_worker", here);
        Assert.Contains("here=", page.Url);

        // The Gi* box takes a name as well as a code.
        await page.Locator("#hotspot-area").FillAsync("高村乡");
        await page.Locator("#hotspots").ClickAsync();
        await page.WaitForFunctionAsync("document.getElementById('hotspot-legend').textContent.includes('热点 99%')", null, new() { Timeout = 60_000 });
        Assert.Matches("热点", await page.Locator("#hotspot-status").InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Signing_in_as_an_inspector_shows_the_role_and_unmasks_workers_phones()
    {
        var inspector = await TestUsers.EnsureAsync(db.DataSource, GeoGrid.Core.Access.Role.Inspector);
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"{_server.Url}/#13/34.8466/113.1801");
        await page.WaitForFunctionAsync("document.body.dataset.mapIdle === 'true'", null, new() { Timeout = 90_000 });

        // Anonymous: phones masked.
        await page.Mouse.ClickAsync(876, 450);
        await page.Locator("#here dl").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("****", await page.Locator("#here").InnerTextAsync());

        await page.Locator("#signin-password").FillAsync("wrong-password");
        await page.Locator("#signin-user").FillAsync(inspector);
        await page.Locator("#signin-form button").ClickAsync();
        await page.WaitForFunctionAsync("document.getElementById('signin-status').textContent.includes('wrong')", null, new() { Timeout = 15_000 });
        await page.Locator("#signin-password").FillAsync(TestUsers.Password);
        await page.Locator("#signin-form button").ClickAsync();
        await page.Locator("#whoami").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("巡查员", await page.Locator("#whoami").InnerTextAsync());

        // Signed in as an inspector: the same click shows phones whole.
        await page.Mouse.ClickAsync(876, 450);
        await page.WaitForFunctionAsync("/1\\d{10}/.test(document.getElementById('here').innerText) && !document.getElementById('here').innerText.includes('****')", null, new() { Timeout = 30_000 });
        await page.Locator("#signout").ClickAsync();
        await page.Locator("#signin-form").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_inspector_lists_sites_in_view_adds_one_by_a_click_and_one_by_drawing_and_moves_it_one_allowed_step()
    {
        var inspector = await TestUsers.EnsureAsync(db.DataSource, GeoGrid.Core.Access.Role.Inspector);
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        // 惠济区 by the Yellow River, where the demo's 四乱 sites are.
        await page.GotoAsync($"{_server.Url}/#13/34.915/113.64");
        await page.WaitForFunctionAsync("document.body.dataset.mapIdle === 'true'", null, new() { Timeout = 90_000 });
        await page.WaitForFunctionAsync("document.querySelectorAll('#site-list button').length > 0", null, new() { Timeout = 30_000 });
        // The list asks for the view rounded to 5 decimals, as PostGIS is asked here.
        var box = await page.EvaluateAsync<double[]>("(() => { const b = window.geogridMap.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(v => Number(v.toFixed(5))); })()");
        var expectedOpen = await db.ScalarAsync<long>(
            "SELECT count(*) FROM sites WHERE status IN ('found','verified','assigned','demolished','cleared') AND ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4490))",
            box[0], box[1], box[2], box[3]);
        Assert.Contains($"当前视图 {expectedOpen} 处", await page.Locator("#site-count").InnerTextAsync());

        // Filters: only 乱建, then only overdue ones (marked in the list). Each list load numbers itself; the
        // number is read before the change, so a load that finishes at once is not missed.
        async Task ListedAfterAsync(Func<Task> change)
        {
            var before = await page.Locator("#site-list").GetAttributeAsync("data-loaded");
            await change();
            await page.WaitForFunctionAsync($"Number(document.getElementById('site-list').dataset.loaded) > {before}", null, new() { Timeout = 15_000 });
        }

        await ShotAsync(page, "inspector-1-sites-in-view");
        await ListedAfterAsync(() => page.Locator("#site-category").SelectOptionAsync("building"));
        Assert.All(await page.Locator("#site-list button b").AllInnerTextsAsync(), t => Assert.Equal("乱建", t));
        await ListedAfterAsync(() => page.Locator("#site-category").SelectOptionAsync(""));
        await ListedAfterAsync(() => page.Locator("#site-overdue").CheckAsync());
        var overdue = await page.Locator("#site-list li").CountAsync();
        Assert.True(overdue > 0);
        Assert.Equal(overdue, await page.Locator("#site-list li.overdue .late").CountAsync());
        await page.Locator("#site-overdue").UncheckAsync();

        // The public may not add; an inspector may.
        Assert.True(await page.Locator("#site-add-line").IsHiddenAsync());
        await SignInAsync(page, inspector);
        await page.Locator("#site-add").WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("#site-add").ClickAsync();
        await page.Mouse.ClickAsync(876, 450);
        await page.Locator("#site-new-category").SelectOptionAsync("dumping");
        await page.Locator("#site-new-description").FillAsync("浏览器测试：滩区堆放建筑垃圾");
        await page.Locator("#site-new button:not([type])").ClickAsync();
        await page.WaitForFunctionAsync("document.getElementById('site-add-hint').textContent.startsWith('已添加')", null, new() { Timeout = 15_000 });
        var code = (await page.Locator("#site-add-hint").InnerTextAsync())["已添加 ".Length..];
        Assert.Equal("found", await db.ScalarAsync<string>("SELECT status::text FROM sites WHERE code = $1", code));
        Assert.Equal("浏览器测试：滩区堆放建筑垃圾", await db.ScalarAsync<string>("SELECT description FROM sites WHERE code = $1", code));
        // A click on the map had no other effect: no responsibility question was asked.
        Assert.Contains("点击地图任一位置", await page.Locator("#here").InnerTextAsync());

        await ShotAsync(page, "inspector-2-site-added");
        // The timeline offers the inspector's steps from 发现, and only those; one is taken.
        await page.WaitForFunctionAsync($"document.getElementById('site-detail').dataset.code === '{code}'", null, new() { Timeout = 15_000 });
        Assert.Equal(["核实", "不予立案", "重复"], await page.Locator("#site-step button").AllInnerTextsAsync());
        await page.Locator("#site-step-note").FillAsync("现场核实属实");
        await page.Locator("#site-step button[value='verified']").ClickAsync();
        await page.WaitForFunctionAsync("document.getElementById('site-detail').dataset.status === 'verified'", null, new() { Timeout = 15_000 });
        Assert.Equal("verified", await db.ScalarAsync<string>("SELECT status::text FROM sites WHERE code = $1", code));
        Assert.Equal(["交办", "不予立案", "重复"], await page.Locator("#site-step button").AllInnerTextsAsync());

        // A photo goes with the latest step and shows in the timeline.
        byte[] photo;
        using (var bitmap = new SkiaSharp.SKBitmap(64, 48))
        {
            bitmap.Erase(SkiaSharp.SKColors.SaddleBrown);
            using var encoded = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
            photo = encoded.ToArray();
        }

        await page.Locator("#site-photo").SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = photo });
        await page.Locator("#site-photo-add").ClickAsync();
        await page.Locator("#site-detail img.photo").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal("现场.png", await db.ScalarAsync<string>("SELECT a.file_name FROM site_attachments a JOIN site_events e ON e.id = a.event_id JOIN sites s ON s.id = e.site_id WHERE s.code = $1", code));
        Assert.True(await page.EvaluateAsync<bool>("document.querySelector('#site-detail img.photo').naturalWidth === 64"));

        // The new site is in the list (newest first) and drawn on the map from fresh tiles.
        await page.WaitForFunctionAsync($"document.querySelector('#site-list button')?.innerText.includes('{code}')", null, new() { Timeout = 15_000 });
        await page.WaitForFunctionAsync($"window.geogridMap.querySourceFeatures('geogrid', {{ sourceLayer: 'sites' }}).some(f => f.properties.code === '{code}')", null, new() { Timeout = 30_000 });
        await ShotAsync(page, "inspector-3-site-verified-with-photo");

        // The link keeps the open site: a fresh page from it shows the same timeline.
        Assert.Contains($"site={code}", page.Url);
        var shared = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        await shared.GotoAsync(page.Url);
        await shared.WaitForFunctionAsync($"document.getElementById('site-detail').dataset.code === '{code}'", null, new() { Timeout = 60_000 });
        Assert.Contains("核实", await shared.Locator("#site-detail h3").InnerTextAsync());

        // A site drawn as an outline: four clicks and Enter make a polygon site, stored as drawn (the
        // middle of the drawn square lies inside it), with no responsibility question asked on the way.
        await page.Locator("#site-draw").ClickAsync();
        await page.WaitForFunctionAsync("document.getElementById('site-add-hint').textContent.includes('画出范围')", null, new() { Timeout = 15_000 });
        foreach (var (x, y) in new[] { (780, 380), (900, 380), (900, 480), (780, 480) })
        {
            await page.Mouse.ClickAsync(x, y);
            await page.WaitForTimeoutAsync(150);
        }

        await ShotAsync(page, "inspector-4-outline-drawn");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#site-new").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 15_000 });
        // Where the middle of the drawn square is, before the new site's timeline moves the map.
        var middle = await page.EvaluateAsync<double[]>("(() => { const r = window.geogridMap.getCanvas().getBoundingClientRect(); const p = window.geogridMap.unproject([840 - r.left, 430 - r.top]); return [p.lng, p.lat]; })()");
        await page.Locator("#site-new-category").SelectOptionAsync("occupation");
        await page.Locator("#site-new-description").FillAsync("浏览器测试：滩区圈占");
        await page.Locator("#site-new button:not([type])").ClickAsync();
        await page.WaitForFunctionAsync("document.getElementById('site-add-hint').textContent.startsWith('已添加')", null, new() { Timeout = 15_000 });
        var drawn = (await page.Locator("#site-add-hint").InnerTextAsync())["已添加 ".Length..];
        Assert.Equal("ST_Polygon", await db.ScalarAsync<string>("SELECT ST_GeometryType(geom) FROM sites WHERE code = $1", drawn));
        Assert.True(await db.ScalarAsync<bool>("SELECT ST_Contains(geom, ST_SetSRID(ST_MakePoint($2, $3), 4490)) FROM sites WHERE code = $1", drawn, middle[0], middle[1]));
        Assert.Equal("occupation", await db.ScalarAsync<string>("SELECT category::text FROM sites WHERE code = $1", drawn));
        await page.WaitForFunctionAsync($"window.geogridMap.querySourceFeatures('geogrid', {{ sourceLayer: 'sites' }}).some(f => f.properties.code === '{drawn}')", null, new() { Timeout = 30_000 });
        Assert.Contains("点击地图任一位置", await page.Locator("#here").InnerTextAsync());
        await ShotAsync(page, "inspector-5-outline-site");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_analyst_finds_coverage_problems_runs_hot_spots_clusters_and_emerging_patterns_as_jobs_exports_and_charts_them()
    {
        var analyst = await TestUsers.EnsureAsync(db.DataSource, GeoGrid.Core.Access.Role.Analyst);
        // A 三级 grid drawn over its siblings under 高村乡's 二级 grid G410182201209: an overlap to find.
        await db.ScalarAsync<long>("""
            INSERT INTO grids (code, name, level, parent_id, area_code, households, geom)
            SELECT 'G-TEST-OVERLAP', '测试重叠网格', 3, p.id, p.area_code, 0, ST_Buffer(ST_PointOnSurface(p.geom), 0.002)
              FROM grids p WHERE p.code = 'G410182201209' RETURNING id
            """);
        try
        {
            var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, AcceptDownloads = true });
            var errors = new List<string>();
            page.PageError += (_, e) => errors.Add(e);
            await page.GotoAsync($"{_server.Url}/#12/34.85/113.18");
            await page.WaitForFunctionAsync("document.body.dataset.mapIdle === 'true'", null, new() { Timeout = 90_000 });
            using var http = new HttpClient { BaseAddress = new Uri(_server.Url) };

            // Coverage of the 一级 grid two levels down: what the API finds, listed in Chinese; a click zooms there.
            using var coverage = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/analyses/coverage?parent=G410182201&depth=2"));
            var problems = coverage.RootElement.GetProperty("features").GetArrayLength();
            Assert.True(coverage.RootElement.GetProperty("summary").GetProperty("by_kind").TryGetProperty("overlap", out _));
            await page.Locator("#hotspot-area").FillAsync("G410182201");
            await page.Locator("#coverage").ClickAsync();
            await page.WaitForFunctionAsync("document.getElementById('coverage-status').dataset.done", null, new() { Timeout = 60_000 });
            Assert.Contains($"{problems} 处问题", await page.Locator("#coverage-status").InnerTextAsync());
            Assert.Equal(problems, await page.Locator("#coverage-problems button").CountAsync());
            var overlap = page.Locator("#coverage-problems button", new() { HasText = "重叠" }).First;
            Assert.Contains("G-TEST-OVERLAP", await overlap.InnerTextAsync());
            await overlap.ClickAsync();
            await page.WaitForFunctionAsync("window.geogridMap.getZoom() > 14", null, new() { Timeout = 15_000 });
            var centre = await page.EvaluateAsync<double[]>("(() => { const c = window.geogridMap.getCenter(); return [c.lng, c.lat]; })()");
            Assert.True(await db.ScalarAsync<bool>("SELECT ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 4490), 0.001) FROM grids WHERE code = 'G-TEST-OVERLAP'", centre[0], centre[1]));

            await ShotAsync(page, "analyst-1-coverage");
            // Signed in, hot spots run as a job (999 permutations), and the legend shows the classes.
            await SignInAsync(page, analyst);
            await page.Locator("#hotspot-area").FillAsync("高村乡");
            await page.Locator("#hotspot-permutations").SelectOptionAsync("999");
            // Other tests share the database and run jobs too: only this one's count.
            var submitted = await db.ScalarAsync<DateTime>("SELECT now()");
            await page.Locator("#hotspots").ClickAsync();
            await page.WaitForFunctionAsync("/热点.*冷点/.test(document.getElementById('hotspot-status').textContent)", null, new() { Timeout = 120_000 });
            Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM analysis_jobs WHERE analysis = 'hotspots' AND status = 'succeeded' AND parameters->>'permutations' = '999' AND created_at >= $1", submitted));
            Assert.Contains("热点 99%", await page.Locator("#hotspot-legend").InnerTextAsync());

            await ShotAsync(page, "analyst-2-hotspots");
            // Export: the result as GeoJSON, and as CSV with a header a spreadsheet reads.
            var geojson = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-geojson").ClickAsync());
            using var exported = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(await geojson.PathAsync()));
            var bins = exported.RootElement.GetProperty("features").GetArrayLength();
            Assert.True(bins > 0);
            var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
            var lines = (await File.ReadAllTextAsync(await csv.PathAsync())).TrimEnd().Split("\r\n");
            Assert.Equal(bins + 1, lines.Length);
            Assert.Contains("gi_bin", lines[0]);
            Assert.EndsWith("lon,lat", lines[0]);

            // DBSCAN clusters and emerging hot spots from the same form, as jobs: what the API answers,
            // drawn with their own legends; the emerging patterns charted by how many bins hold each.
            using var clusters = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/analyses/clusters?area=410182201&eps=300&min-points=8"));
            await page.Locator("#hotspot-method").SelectOptionAsync("clusters");
            Assert.False(await page.Locator("#cluster-eps").IsHiddenAsync());
            Assert.True(await page.Locator("#hotspot-fdr").IsHiddenAsync());
            await page.Locator("#cluster-eps").FillAsync("300");
            await page.Locator("#cluster-min-points").FillAsync("8");
            await page.Locator("#hotspot-area").FillAsync("410182201");
            await page.Locator("#hotspots").ClickAsync();
            await page.WaitForFunctionAsync("/个聚类/.test(document.getElementById('hotspot-status').textContent)", null, new() { Timeout = 120_000 });
            Assert.StartsWith($"{clusters.RootElement.GetProperty("summary").GetProperty("clusters").GetInt32()} 个聚类", await page.Locator("#hotspot-status").InnerTextAsync());
            Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM analysis_jobs WHERE analysis = 'clusters' AND status = 'succeeded' AND parameters->>'eps' = '300' AND created_at >= $1", submitted));
            Assert.Contains("150 件以上", await page.Locator("#hotspot-legend").InnerTextAsync());

            await ShotAsync(page, "analyst-3-clusters");
            using var emerging = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/analyses/emerging-hotspots?area=410182201&bin-size=500&bin-shape=hexagon"));
            await page.Locator("#hotspot-method").SelectOptionAsync("emerging-hotspots");
            await page.Locator("#hotspots").ClickAsync();
            await page.WaitForFunctionAsync("document.getElementById('chart').dataset.categories", null, new() { Timeout = 120_000 });
            var categories = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>((await page.Locator("#chart").GetAttributeAsync("data-categories"))!)!;
            var expected = emerging.RootElement.GetProperty("features").EnumerateArray()
                .GroupBy(f => f.GetProperty("properties").GetProperty("category_zh").GetString()!).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(expected.OrderBy(p => p.Key), categories.OrderBy(p => p.Key));
            Assert.Contains($"共 {emerging.RootElement.GetProperty("summary").GetProperty("months").GetInt32()} 个月", await page.Locator("#hotspot-status").InnerTextAsync());

            await ShotAsync(page, "analyst-4-emerging");
            // Reports month by month: the twelve months add up to the whole year asked at once.
            await page.Locator("#chart-load").ClickAsync();
            await page.WaitForFunctionAsync("document.getElementById('chart').dataset.months", null, new() { Timeout = 60_000 });
            var months = System.Text.Json.JsonSerializer.Deserialize<long[]>((await page.Locator("#chart").GetAttributeAsync("data-months"))!)!;
            Assert.Equal(12, months.Length);
            var now = DateTime.UtcNow;
            var first = new DateTime(now.Year, now.Month, 1).AddMonths(-11);
            var last = new DateTime(now.Year, now.Month, 1).AddMonths(1).AddDays(-1);
            using var year = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/figures/reports?area=410182201&datetime={first:yyyy-MM-dd}/{last:yyyy-MM-dd}"));
            Assert.Equal(year.RootElement.GetProperty("figures")[0].GetProperty("found").GetInt64(), months.Sum());
            Assert.Equal(1, await page.Locator("#chart canvas").CountAsync());

            // Per grid of a level: every level-2 grid of the town with its count, as the figures API says.
            await page.Locator("#chart-level").SelectOptionAsync("2");
            await page.Locator("#chart-grids").ClickAsync();
            await page.WaitForFunctionAsync("document.getElementById('chart').dataset.grids", null, new() { Timeout = 60_000 });
            var perGrid = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement[][]>((await page.Locator("#chart").GetAttributeAsync("data-grids"))!)!;
            using var levelTwo = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/figures/reports?area=410182201&level=2"));
            var apiGrids = levelTwo.RootElement.GetProperty("figures").EnumerateArray().Where(f => !f.GetProperty("total").GetBoolean()).ToList();
            Assert.True(apiGrids.Count > 5);
            Assert.Equal(apiGrids.Count, perGrid.Length);
            Assert.Equal(apiGrids.Sum(f => f.GetProperty("found").GetInt64()), perGrid.Sum(g => g[1].GetInt64()));
            Assert.Equal(levelTwo.RootElement.GetProperty("figures")[0].GetProperty("found").GetInt64(), perGrid.Sum(g => g[1].GetInt64()));
            await ShotAsync(page, "analyst-5-charts", fullPage: true);
            Assert.Empty(errors);
        }
        finally
        {
            await db.ScalarAsync<long>("WITH gone AS (DELETE FROM grids WHERE code = 'G-TEST-OVERLAP' RETURNING 1) SELECT count(*) FROM gone");
        }
    }

    [Fact]
    public async Task A_planner_draws_a_split_on_the_map_previews_and_applies_it_and_the_new_grid_is_in_the_tiles()
    {
        var plannerName = await TestUsers.EnsureAsync(db.DataSource, GeoGrid.Core.Access.Role.Planner);
        using var http = new HttpClient { BaseAddress = new Uri(_server.Url) };
        http.WithToken(await TestUsers.SignInAsync(http, plannerName));
        // The largest 三级 grid of 高村乡's G410182201209, and a line across it through its interior point.
        const string parent = "G410182201209";
        var target = await db.ScalarAsync<string>("SELECT c.code FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1 ORDER BY ST_Area(c.geom) DESC LIMIT 1", parent);
        var inside = await db.ScalarAsync<double[]>("SELECT ARRAY[ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)), ST_XMin(geom) - 0.0004, ST_XMax(geom) + 0.0004] FROM grids WHERE code = $1", target);
        string? applied = null;
        try
        {
            var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            var errors = new List<string>();
            page.PageError += (_, e) => errors.Add(e);
            await page.GotoAsync($"{_server.Url}/#14/34.84/113.176");
            await page.WaitForFunctionAsync("document.body.dataset.mapIdle === 'true'", null, new() { Timeout = 90_000 });
            Assert.True(await page.Locator("#plan").IsHiddenAsync());
            await SignInAsync(page, plannerName);
            await page.Locator("#plan-root").WaitForAsync(new() { Timeout = 15_000 });

            await page.Locator("#plan-root").FillAsync(parent);
            await page.Locator("#plan-open").ClickAsync();
            await page.WaitForFunctionAsync("document.getElementById('plan').dataset.revision && window.geogridMap.getSource('plan')", null, new() { Timeout = 30_000 });
            await page.WaitForFunctionAsync("!window.geogridMap.isMoving() && window.geogridMap.loaded()", null, new() { Timeout = 30_000 });
            var revision = await page.Locator("#plan").GetAttributeAsync("data-revision");

            // Page coordinates of a point on the map.
            async Task<(float X, float Y)> AtAsync(double lon, double lat)
            {
                var xy = await page.EvaluateAsync<double[]>($"(() => {{ const r = window.geogridMap.getContainer().getBoundingClientRect(); const p = window.geogridMap.project([{lon.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {lat.ToString(System.Globalization.CultureInfo.InvariantCulture)}]); return [r.left + p.x, r.top + p.y]; }})()");
                return ((float)xy[0], (float)xy[1]);
            }

            // A GeoJSON source draws its data a moment after it is given: click once the grid is drawn.
            async Task DrawnAsync(string code) => await page.WaitForFunctionAsync(
                $"window.geogridMap.queryRenderedFeatures({{ layers: ['plan-fill'] }}).some(f => f.properties.code === '{code}')", null, new() { Timeout = 30_000 });

            await DrawnAsync(target);
            var (gx, gy) = await AtAsync(inside[0], inside[1]);
            await page.Mouse.ClickAsync(gx, gy);
            await page.WaitForFunctionAsync($"document.getElementById('plan-selected').textContent.includes('{target}')", null, new() { Timeout = 15_000 });

            // Split: a line drawn across the grid, point by point, finished with Enter.
            await page.Locator("#plan-split").ClickAsync();
            await page.WaitForFunctionAsync("document.getElementById('plan-status').textContent.includes('画线')", null, new() { Timeout = 15_000 });
            var (x1, y1) = await AtAsync(inside[2], inside[1]);
            var (x2, y2) = await AtAsync(inside[3], inside[1]);
            await page.Mouse.ClickAsync(x1, y1);
            await page.Mouse.MoveAsync(x2, y2, new() { Steps = 5 });
            await page.Mouse.ClickAsync(x2, y2);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForFunctionAsync($"document.getElementById('plan').dataset.revision !== '{revision}' || document.getElementById('plan').dataset.refused", null, new() { Timeout = 30_000 });
            Assert.Null(await page.Locator("#plan").GetAttributeAsync("data-refused"));
            Assert.Contains("已分割", await page.Locator("#plan-status").InnerTextAsync());
            var planId = (await page.Locator("#plan").GetAttributeAsync("data-id"))!;
            using (var state = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/plans/{planId}")))
            {
                Assert.Contains(state.RootElement.GetProperty("features").EnumerateArray(), f => f.GetProperty("id").GetString() == target + "-a");
            }

            // The new grid gets its 网格员 (without one the coverage check would say 纵向未到底): picked by a
            // click inside its drawn shape.
            string newShape;
            using (var state = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/plans/{planId}")))
            {
                newShape = state.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == target + "-a").GetProperty("geometry").GetRawText();
            }

            var point = await db.ScalarAsync<double[]>("SELECT ARRAY[ST_X(p), ST_Y(p)] FROM (SELECT ST_PointOnSurface(ST_GeomFromGeoJSON($1)) p) q", newShape);
            await DrawnAsync(target + "-a");
            var (nx, ny) = await AtAsync(point[0], point[1]);
            await page.Mouse.ClickAsync(nx, ny);
            await page.WaitForFunctionAsync($"document.getElementById('plan-selected').textContent === '已选：{target}-a'", null, new() { Timeout = 15_000 });
            await page.Locator("#plan-worker-name").FillAsync("王测试");
            await page.Locator("#plan-worker-phone").FillAsync("13800000001");
            await page.Locator("#plan-worker-set").ClickAsync();
            await page.WaitForFunctionAsync("document.getElementById('plan-status').textContent.includes('王测试')", null, new() { Timeout = 15_000 });

            await ShotAsync(page, "planner-1-split-drawn");
            // The preview lists the new grid; apply writes it.
            await page.Locator("#plan-preview").ClickAsync();
            await page.Locator("#plan-preview-table table").WaitForAsync(new() { Timeout = 30_000 });
            Assert.Contains($"{target}-a", await page.Locator("#plan-preview-table tr.added").InnerTextAsync());
            await ShotAsync(page, "planner-2-preview");
            await page.Locator("#plan-apply").ClickAsync();
            await page.WaitForFunctionAsync("document.getElementById('plan-status').textContent.includes('已生效')", null, new() { Timeout = 60_000 });
            applied = planId;
            Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM grids WHERE code = $1", target + "-a"));

            // The coverage check of the parent is clean, and the new grid is drawn from fresh tiles.
            using (var coverage = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/analyses/coverage?parent={parent}")))
            {
                Assert.Equal(0, coverage.RootElement.GetProperty("summary").GetProperty("problems").GetInt32());
            }

            await page.WaitForFunctionAsync($"window.geogridMap.querySourceFeatures('geogrid', {{ sourceLayer: 'grids-3' }}).some(f => f.properties.code === '{target}-a')", null, new() { Timeout = 30_000 });
            await ShotAsync(page, "planner-3-split-applied");

            // The time slider: the change is listed with its plan; a day back the grid is not there yet,
            // and at the slider's end (today) it is again.
            using (var changes = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/grids/changes")))
            {
                Assert.Contains(changes.RootElement.GetProperty("changes").EnumerateArray(), c => c.GetProperty("plan").GetString() == planId && c.GetProperty("grids").GetInt32() >= 1);
            }

            var end = int.Parse((await page.Locator("#asof-slider").GetAttributeAsync("max"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(end >= 365);
            await page.Locator("#asof-slider").FillAsync((end - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await page.WaitForFunctionAsync($"document.getElementById('asof-slider').dataset.shown === '{yesterday}'", null, new() { Timeout = 15_000 });
            Assert.Equal(yesterday, await page.Locator("#asof").InputValueAsync());
            await ShotAsync(page, "planner-4-as-of-yesterday");
            // The tiles of yesterday lack the new grid (drawn in today's tiles); they hold the grid it was
            // cut from when the history reaches back that far (a fresh test database's begins today).
            var existed = await db.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM grids_at(($1::text || 'T23:59:59+08:00')::timestamptz) WHERE code = $2)", yesterday, target);
            await page.WaitForFunctionAsync($"window.geogridMap.isSourceLoaded('geogrid') && !window.geogridMap.querySourceFeatures('geogrid', {{ sourceLayer: 'grids-3' }}).some(f => f.properties.code === '{target}-a')"
                + (existed ? $" && window.geogridMap.querySourceFeatures('geogrid', {{ sourceLayer: 'grids-3' }}).some(f => f.properties.code === '{target}')" : ""), null, new() { Timeout = 30_000 });
            await page.Locator("#asof-slider").FillAsync(end.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.WaitForFunctionAsync($"window.geogridMap.querySourceFeatures('geogrid', {{ sourceLayer: 'grids-3' }}).some(f => f.properties.code === '{target}-a')", null, new() { Timeout = 30_000 });
            Assert.Equal("", await page.Locator("#asof").InputValueAsync());
            Assert.Empty(errors);
        }
        finally
        {
            // Back to the grids the other tests know: the revert plan, applied.
            if (applied is not null)
            {
                var revert = await http.PostAsync($"/plans/{applied}/revert", null);
                using var draft = System.Text.Json.JsonDocument.Parse(await revert.Content.ReadAsStringAsync());
                Assert.True((await http.PostAsync($"/plans/{draft.RootElement.GetProperty("id").GetString()}/apply", null)).IsSuccessStatusCode);
            }
        }
    }

    /// <summary>Fixed views of the base map against PNGs committed under Viewer/baselines: the city, 高村乡's
    /// grids and 百花社区's labelled 三级 grids. Reports, sites, duty units and the overdue rings are hidden
    /// (other tests add them). GEOGRID_UPDATE_BASELINES=1 writes the baselines anew after a deliberate change.</summary>
    [Theory]
    [InlineData("city-z10", "10/34.75/113.63")]
    [InlineData("gaocun-z13", "13/34.8466/113.1801")]
    [InlineData("baihua-z16", "16/34.7127/113.5926")]
    public async Task A_fixed_view_looks_like_its_baseline(string name, string view)
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 800 } });
        await page.GotoAsync($"{_server.Url}/#{view}");
        await page.WaitForFunctionAsync("document.body.dataset.mapLoaded === 'true'", null, new() { Timeout = 90_000 });
        foreach (var layer in new[] { "reports", "sites", "duty-units" })
        {
            await page.Locator($"input[data-layer='{layer}']").UncheckAsync();
        }

        await page.EvaluateAsync("(() => { const map = window.geogridMap; if (map.getLayer('overdue')) map.setLayoutProperty('overdue', 'visibility', 'none'); })()");
        // Hiding layers frees room for labels they had pushed aside (the report counts), which MapLibre places
        // at its next placement pass and fades in: wait until the placed labels stop changing.
        await page.EvaluateAsync("""
            (async () => {
              const map = window.geogridMap;
              let last = -1;
              for (let i = 0; i < 20; i++) {
                await new Promise(resolve => { map.once('idle', resolve); map.triggerRepaint(); });
                await new Promise(resolve => setTimeout(resolve, 400));
                const placed = map.queryRenderedFeatures({ layers: map.getStyle().layers.filter(l => l.type === 'symbol').map(l => l.id) }).length;
                if (placed === last) return true;
                last = placed;
              }
              return true;
            })()
            """);
        var actual = await page.Locator("#map").ScreenshotAsync();
        var baseline = Path.Combine(RepoPaths.Root, "tests", "GeoGrid.Server.Tests", "Viewer", "baselines", name + ".png");
        if (Environment.GetEnvironmentVariable("GEOGRID_UPDATE_BASELINES") == "1")
        {
            await File.WriteAllBytesAsync(baseline, actual);
            return;
        }

        Assert.True(File.Exists(baseline), $"no baseline {baseline}: run with GEOGRID_UPDATE_BASELINES=1 once and commit it");
        var result = ImageDifference.Compare(actual, await File.ReadAllBytesAsync(baseline));
        var results = Path.Combine(RepoPaths.Root, ".geogrid", "test-results");
        Directory.CreateDirectory(results);
        await File.WriteAllBytesAsync(Path.Combine(results, $"baseline-{name}-actual.png"), actual);
        await File.WriteAllBytesAsync(Path.Combine(results, $"baseline-{name}-diff.png"), result.DiffPng);
        Assert.True(result.ChangedShare <= 0.01, $"{name}: {result.ChangedShare:P2} of the pixels differ from the baseline (see .geogrid/test-results/baseline-{name}-diff.png)");
    }

    [Fact]
    public async Task Grid_and_village_names_with_digits_are_labelled_with_served_glyphs()
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 800 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        var glyphBytes = new List<int>();
        page.Response += async (_, r) =>
        {
            if (r.Url.Contains("/fonts/") && r.Url.EndsWith("/0-255.pbf", StringComparison.Ordinal)) glyphBytes.Add((await r.BodyAsync()).Length);
        };
        // 百花社区 at z16: its 三级 grids are named 第1网格, 第2网格, …
        await page.GotoAsync($"{_server.Url}/#16/34.7127/113.5926");
        await page.WaitForFunctionAsync("document.body.dataset.mapIdle === 'true'", null, new() { Timeout = 90_000 });
        var labels = await page.EvaluateAsync<string[]>("window.geogridMap.queryRenderedFeatures({ layers: ['grid-3-labels'] }).map(f => f.properties.name)");
        Assert.Contains(labels, l => l.Any(char.IsAsciiDigit));
        // The digits come from the server's glyph range, which holds real glyphs (an empty range draws none).
        Assert.Contains(glyphBytes, b => b > 10_000);
        await ShotAsync(page, "map-baihua-z16-labels");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task On_a_phone_the_map_comes_first_and_fills_most_of_the_screen()
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await page.GotoAsync($"{_server.Url}/#11/34.85/113.18");
        await page.WaitForFunctionAsync("document.body.dataset.mapLoaded === 'true'", null, new() { Timeout = 90_000 });
        var map = (await page.Locator("#map").BoundingBoxAsync())!;
        var side = (await page.Locator("#side").BoundingBoxAsync())!;
        Assert.True(map.Height >= 0.55 * 844, $"the map is {map.Height} px high");
        Assert.True(map.Y < side.Y, "the map is not above the panel");
        Assert.True(map.Width >= 380);
        await ShotAsync(page, "map-phone");
    }

    [Fact]
    public async Task The_browsable_api_page_lists_the_endpoints_from_the_openapi_document()
    {
        var page = await _browser!.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"{_server.Url}/api");
        await page.Locator(".opblock-summary-path").First.WaitForAsync(new() { Timeout = 60_000 });
        var paths = await page.Locator(".opblock-summary-path").AllInnerTextsAsync();
        Assert.Contains(paths, p => p.Contains("/analyses/{name}", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.Contains("/ogc/collections/{collectionId}/items", StringComparison.Ordinal));
        Assert.Empty(errors);
    }
}
