using System.Net;
using System.Text.Json;
using GeoGrid.Core.Access;
using GeoGrid.Testing;
using static GeoGrid.Server.Tests.Planning.PlanHttp;

namespace GeoGrid.Server.Tests.Planning;

/// <summary>Planners redraw level-3 grids: plans, checked operations, preview, apply with history, stale plans, discard.</summary>
[Collection(PostGisCollection.Name)]
public sealed class PlansApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    /// <summary>A level-2 grid of 惠济区 with four to six level-3 children; each test takes its own (by <paramref name="n"/>).</summary>
    private Task<string> ParentAsync(int n) => db.ScalarAsync<string>("""
        SELECT p.code FROM grids p JOIN grids c ON c.parent_id = p.id
         WHERE p.level = 2 AND p.area_code LIKE '410108%' GROUP BY p.code HAVING count(*) BETWEEN 4 AND 6 ORDER BY p.code OFFSET $1 LIMIT 1
        """, n);

    /// <summary>A line across a child's box through its point on surface, north to south, beyond its edges.</summary>
    private static string LineAt(double x, double y0, double y1) => FormattableString.Invariant($"{{\"type\":\"LineString\",\"coordinates\":[[{x},{y0}],[{x},{y1}]]}}");

    private async Task<(string Code, string Line)> CutAsync(string parent)
    {
        var (code, x, y0, y1) = await CutPlaceAsync(parent);
        return (code, LineAt(x, y0, y1));
    }

    private async Task<(string Code, double X, double Y0, double Y1)> CutPlaceAsync(string parent)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT c.code, ST_X(ST_PointOnSurface(c.geom)), ST_YMin(c.geom) - 0.001, ST_YMax(c.geom) + 0.001
              FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1 ORDER BY ST_Area(c.geom) DESC LIMIT 1
            """);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = parent });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
    }

    [Fact]
    public async Task A_planner_splits_and_merges_inside_a_plan_and_every_state_keeps_the_coverage()
    {
        var planner = await _factory.ClientAsync(Role.Planner, "410108");
        var parent = await ParentAsync(0);
        var opened = await planner.PostAsync("/plans", Json($$"""{"title":"测试拆分","grid":"{{parent}}"}"""));
        var plan = await OkAsync(opened);
        var path = opened.Headers.Location!.AbsolutePath;
        var children = await db.ScalarAsync<long>("SELECT count(*) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1", parent);
        Assert.Equal(children, plan.GetProperty("features").GetArrayLength());
        var households = await db.ScalarAsync<long>("SELECT sum(c.households) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1", parent);

        var (code, line) = await CutAsync(parent);
        var split = await OkAsync(await planner.PostAsync($"{path}/split", Json($$"""{"grid":"{{code}}","cut":{{line}}}""")));
        Assert.True(split.GetProperty("features").GetArrayLength() > children);
        Assert.Equal(households, split.GetProperty("features").EnumerateArray().Sum(f => f.GetProperty("properties").GetProperty("households").GetInt64()));
        var pieces = split.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).Where(c => c.StartsWith(code, StringComparison.Ordinal)).ToList();
        Assert.True(pieces.Count >= 2);

        // Moving the new boundary a little east: both neighbours change together, their sum stays.
        double Area(JsonElement state, string c) => state.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == c).GetProperty("properties").GetProperty("area_m2").GetDouble();
        if (pieces.Count == 2)
        {
            var (_, x, y0, y1) = await CutPlaceAsync(parent);
            var moved = await planner.PostAsync($"{path}/boundary", Json($$"""{"grids":{{JsonSerializer.Serialize(pieces)}},"line":{{LineAt(x + 0.0002, y0, y1)}}}"""));
            var after = await OkAsync(moved);
            // (each area is rounded to the m²)
            Assert.InRange(Area(after, pieces[0]) + Area(after, pieces[1]) - (Area(split, pieces[0]) + Area(split, pieces[1])), -2, 2);
            Assert.NotEqual(Area(split, pieces[0]), Area(after, pieces[0]));
            split = after;
        }

        // Far apart, not neighbours: refused by rule, with the geometry at fault; the plan is unchanged.
        var codes = split.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
        var notAdjacent = await planner.PostAsync($"{path}/merge", Json($$"""{"grids":{{JsonSerializer.Serialize(await FarPairAsync(parent))}}}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAdjacent.StatusCode);
        using (var problem = JsonDocument.Parse(await notAdjacent.Content.ReadAsStringAsync()))
        {
            Assert.Equal("not_adjacent", problem.RootElement.GetProperty("rule").GetString());
            Assert.Equal("MultiPolygon", problem.RootElement.GetProperty("at").GetProperty("type").GetString());
        }

        // A line that crosses nothing cuts nothing.
        var nothing = await planner.PostAsync($"{path}/split", Json("{\"grid\":\"" + code + "\",\"cut\":{\"type\":\"LineString\",\"coordinates\":[[113.0,34.0],[113.0001,34.0001]]}}"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);

        var merged = await OkAsync(await planner.PostAsync($"{path}/merge", Json($$"""{"grids":{{JsonSerializer.Serialize(pieces)}}}""")));
        Assert.Equal(children, merged.GetProperty("features").GetArrayLength());
        Assert.Equal(pieces.Count == 2 ? 4 : 3, merged.GetProperty("revision").GetInt32());

        // The preview compares with the map: after split and merge back, the shape is the same grid.
        using var preview = JsonDocument.Parse(await planner.GetStringAsync($"{path}/preview"));
        Assert.Equal(children, preview.RootElement.GetProperty("grids").GetArrayLength());
        Assert.True(preview.RootElement.GetProperty("balance").GetProperty("grids_after").GetInt32() == children);

        // As vector tiles over the parent: the plan's layer is there to draw.
        var (tx, ty) = await TileOverAsync(parent, 14);
        var tile = await planner.GetAsync($"{path}/tiles/14/{tx}/{ty}.mvt");
        Assert.Equal("application/vnd.mapbox-vector-tile", tile.Content.Headers.ContentType!.MediaType);
        var bytes = await tile.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().IndexOf("plan"u8) >= 0, "no layer 'plan' in the tile");
        Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync($"{path}/tiles/3/9/0.mvt")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await planner.DeleteAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync(path)).StatusCode);
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public async Task Applying_a_split_writes_the_grids_keeps_their_history_and_moves_reports_to_their_new_grids()
    {
        var planner = await _factory.ClientAsync(Role.Planner, "410108");
        var parent = await ParentAsync(1);
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(1100);
        var opened = await planner.PostAsync("/plans", Json($$"""{"title":"拆分三级网格","grid":"{{parent}}"}"""));
        var path = opened.Headers.Location!.AbsolutePath;
        var (code, line) = await CutAsync(parent);
        var version = await db.ScalarAsync<int>("SELECT version FROM grids WHERE code = $1", code);
        var children = await db.ScalarAsync<long>("SELECT count(*) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1", parent);
        var split = await OkAsync(await planner.PostAsync($"{path}/split", Json($$"""{"grid":"{{code}}","cut":{{line}}}""")));
        var after = split.GetProperty("features").GetArrayLength();

        using (var preview = JsonDocument.Parse(await planner.GetStringAsync($"{path}/preview")))
        {
            var changes = preview.RootElement.GetProperty("grids").EnumerateArray().GroupBy(g => g.GetProperty("change").GetString()).ToDictionary(g => g.Key!, g => g.Count());
            Assert.Equal(1, changes["changed"]);
            Assert.Equal(after - children, changes["added"]);
            Assert.NotEqual(JsonValueKind.Null, preview.RootElement.GetProperty("moved_boundaries").ValueKind);
        }

        var applied = await OkAsync(await planner.PostAsync($"{path}/apply", null));
        Assert.Equal("applied", applied.GetProperty("status").GetString());
        Assert.Equal(after, await db.ScalarAsync<long>("SELECT count(*) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1", parent));
        Assert.Equal(version + 1, await db.ScalarAsync<int>("SELECT version FROM grids WHERE code = $1", code));
        // 横向到边 holds on the map itself, and every report of the parent lies in the grid it is attributed to.
        Assert.Equal(0, await db.ScalarAsync<long>("""
            SELECT count(*) FROM reports r JOIN grids g ON g.id = r.grid_id JOIN grids p ON p.id = g.parent_id
             WHERE p.code = $1 AND NOT ST_Intersects(g.geom, r.geom)
            """, parent));
        Assert.Equal(applied.GetProperty("reports_moved").GetInt64(), await db.ScalarAsync<long>("""
            SELECT count(*) FROM reports r JOIN grids g ON g.id = r.grid_id JOIN grids p ON p.id = g.parent_id WHERE p.code = $1 AND r.filed_grid_id IS NOT NULL AND r.filed_grid_id <> r.grid_id
            """, parent));

        // History: the old shape closed, the new one open, both naming the plan; the map as it was is readable.
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM grid_history WHERE code = $1 AND valid_to < 'infinity' AND version = $2", code, version));
        Assert.True(await db.ScalarAsync<bool>("SELECT plan_id IS NOT NULL FROM grid_history WHERE code = $1 AND valid_to = 'infinity'", code));
        using var then = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync($"/ogc/collections/grids-3/items?parent_code={parent}&limit=100&datetime={Uri.EscapeDataString(before.ToString("yyyy-MM-ddTHH:mm:ssZ"))}"));
        Assert.Equal(children, then.RootElement.GetProperty("numberMatched").GetInt64());
        using var now = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync($"/ogc/collections/grids-3/items?parent_code={parent}&limit=100"));
        Assert.Equal(after, now.RootElement.GetProperty("numberMatched").GetInt64());

        // The tiles too: drawn as of before the plan, the new grid is not there; now it is.
        var (tx, ty) = await TileOverAsync(code, 14);
        var added = System.Text.Encoding.UTF8.GetBytes(code + "-a");
        var nowTile = await _factory.CreateClient().GetByteArrayAsync($"/tiles/grids-3/14/{tx}/{ty}.mvt");
        var thenTile = await _factory.CreateClient().GetByteArrayAsync($"/tiles/grids-3/14/{tx}/{ty}.mvt?datetime={Uri.EscapeDataString(before.ToString("yyyy-MM-ddTHH:mm:ssZ"))}");
        Assert.True(nowTile.AsSpan().IndexOf(added) >= 0 || after == children, "the current tile lacks the new grid");
        Assert.True(thenTile.AsSpan().IndexOf(added) < 0, "the tile as of before the plan shows the new grid");
        Assert.True(thenTile.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(code)) >= 0, "the tile as of before the plan lacks the old grid");

        // An admin reads who changed the grid, with the plan.
        var admin = await _factory.ClientAsync(Role.Admin);
        Assert.Contains("plan change", await admin.GetStringAsync($"/audit?collection=grids&feature={code}"), StringComparison.Ordinal);
        // Applied is final: no more edits, no discard.
        Assert.Equal(HttpStatusCode.Conflict, (await planner.PostAsync($"{path}/apply", null)).StatusCode);

        // Reverting is a new plan that brings the old shapes back; history grows by it.
        var shape = await db.ScalarAsync<string>("SELECT ST_AsText(geom) FROM grid_history WHERE code = $1 AND version = $2", code, version);
        var revert = await planner.PostAsync($"{path}/revert", null);
        var revertPlan = await OkAsync(revert);
        Assert.Equal(children, revertPlan.GetProperty("features").GetArrayLength());
        await OkAsync(await planner.PostAsync($"{revert.Headers.Location!.AbsolutePath}/apply", null));
        Assert.Equal(children, await db.ScalarAsync<long>("SELECT count(*) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1", parent));
        Assert.True(await db.ScalarAsync<bool>("SELECT ST_Equals(geom, ST_GeomFromText($2, 4490)) FROM grids WHERE code = $1", code, shape));
        Assert.Equal(version + 2, await db.ScalarAsync<int>("SELECT version FROM grids WHERE code = $1", code));
        Assert.Equal(0, await db.ScalarAsync<long>("""
            SELECT count(*) FROM reports r JOIN grids g ON g.id = r.grid_id JOIN grids p ON p.id = g.parent_id
             WHERE p.code = $1 AND NOT ST_Intersects(g.geom, r.geom)
            """, parent));
    }

    [Fact]
    public async Task A_plan_over_grids_changed_since_it_began_is_refused_with_what_changed()
    {
        var planner = await _factory.ClientAsync(Role.Planner, "410108");
        var parent = await ParentAsync(2);
        var first = (await planner.PostAsync("/plans", Json($$"""{"title":"甲","grid":"{{parent}}"}"""))).Headers.Location!.AbsolutePath;
        var second = (await planner.PostAsync("/plans", Json($$"""{"title":"乙","grid":"{{parent}}"}"""))).Headers.Location!.AbsolutePath;
        var (code, line) = await CutAsync(parent);
        await OkAsync(await planner.PostAsync($"{first}/split", Json($$"""{"grid":"{{code}}","cut":{{line}}}""")));
        await OkAsync(await planner.PatchAsync($"{second}/grids/{code}", Json("""{"name":"改名网格"}""")));
        await OkAsync(await planner.PostAsync($"{first}/apply", null));

        var grids = await db.ScalarAsync<string>("SELECT string_agg(code || version, ',' ORDER BY code) FROM grids WHERE parent_id = (SELECT id FROM grids WHERE code = $1)", parent);
        var stale = await planner.PostAsync($"{second}/apply", null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
        var changed = problem.RootElement.GetProperty("changed").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Contains(code, changed);
        Assert.Equal(grids, await db.ScalarAsync<string>("SELECT string_agg(code || version, ',' ORDER BY code) FROM grids WHERE parent_id = (SELECT id FROM grids WHERE code = $1)", parent));
    }

    [Fact]
    public async Task Only_planners_in_their_area_may_plan()
    {
        var parent = await ParentAsync(3);
        var body = $$"""{"title":"越界","grid":"{{parent}}"}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().PostAsync("/plans", Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.ClientAsync(Role.Inspector)).PostAsync("/plans", Json(body))).StatusCode);
        var zhongmou = await (await _factory.ClientAsync(Role.Planner, "410122")).PostAsync("/plans", Json(body));
        Assert.Equal(HttpStatusCode.Forbidden, zhongmou.StatusCode);
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM plans WHERE title = '越界'"));
        // A level-3 grid has nothing inside to redraw, and is told so.
        var leaf = await db.ScalarAsync<string>("SELECT code FROM grids WHERE level = 3 AND area_code LIKE '410108%' ORDER BY code LIMIT 1");
        var deep = await (await _factory.ClientAsync(Role.Planner, "410108")).PostAsync("/plans", Json($$"""{"title":"最底层","grid":"{{leaf}}"}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, deep.StatusCode);
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM plans WHERE title = '最底层'"));
    }

    [Fact]
    public async Task A_suggested_split_is_balanced_contiguous_and_reported_beside_the_plan()
    {
        var planner = await _factory.ClientAsync(Role.Planner, "410108");
        var parent = await ParentAsync(4);
        var opened = await planner.PostAsync("/plans", Json($$"""{"title":"建议拆分","grid":"{{parent}}"}"""));
        var path = opened.Headers.Location!.AbsolutePath;
        var (code, _) = await CutAsync(parent);
        var children = (await OkAsync(opened)).GetProperty("features").GetArrayLength();

        var suggested = await OkAsync(await planner.PostAsync($"{path}/suggest", Json($$"""{"grid":"{{code}}","k":3}""")));
        Assert.Equal(children + 2, suggested.GetProperty("features").GetArrayLength());
        var suggestion = suggested.GetProperty("suggestion");
        Assert.Equal("households", suggestion.GetProperty("by").GetString());
        Assert.True(suggestion.GetProperty("cv").GetDouble() < 0.15, suggestion.ToString());
        Assert.Equal(3, suggestion.GetProperty("compactness").GetArrayLength());

        var byReports = await planner.PostAsync($"{path}/suggest", Json($$"""{"grid":"{{code}}-a","k":2,"by":"reports"}"""));
        Assert.True(byReports.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, await byReports.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.PostAsync($"{path}/suggest", Json($$"""{"grid":"{{code}}","k":1}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.PostAsync($"{path}/suggest", Json($$"""{"grid":"{{code}}","k":2,"by":"vibes"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await planner.DeleteAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Bad_plan_requests_are_refused_by_name_and_leave_the_plan_as_it_was()
    {
        var planner = await _factory.ClientAsync(Role.Planner, "410108");
        var parent = await ParentAsync(5);
        var path = (await planner.PostAsync("/plans", Json($$"""{"title":"坏请求","grid":"{{parent}}"}"""))).Headers.Location!.AbsolutePath;
        var (code, line) = await CutAsync(parent);
        foreach (var (route, body, parameter) in new[]
        {
            ("split", """{"grid":"NOPE","cut":{"type":"Point","coordinates":[113.6,34.9]}}""", "grid"),
            ("split", "{\"grid\":\"" + code + "\",\"cut\":\"x\"}", "cut"),
            ("split", "{\"grid\":\"" + code + "\",\"cut\":{\"type\":\"LineString\",\"coordinates\":[[1e308,34],[113,34]]}}", "cut"),
            ("split", "{\"grid\":\"" + code + "\",\"cut\":" + line + ",\"snap_m\":\"far\"}", "snap_m"),
            ("merge", """{"grids":"A,B"}""", "grids"),
            ("merge", "{\"grids\":[\"" + code + "\"]}", "grids"),
            ("suggest", "{\"grid\":\"" + code + "\",\"k\":1e308}", "k"),
            ("boundary", "{\"grids\":[\"" + code + "\"],\"line\":" + line + "}", "grids"),
        })
        {
            var response = await planner.PostAsync($"{path}/{route}", Json(body));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} {body}: {(int)response.StatusCode}");
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
        }

        Assert.Equal(1, (await OkAsync(await planner.GetAsync(path))).GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync($"/plans/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync("/plans/not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.PostAsync("/plans", Json("""{"grid":"G1"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.PostAsync("/plans", Json("""{"title":"x","grid":"NO-SUCH-GRID"}"""))).StatusCode);
    }

    [Fact]
    public async Task A_plan_names_a_grids_head_workers_and_population_and_applying_it_replaces_them()
    {
        var planner = await _factory.ClientAsync(Role.Planner, "410108");
        var parent = await ParentAsync(6);
        var path = (await planner.PostAsync("/plans", Json($$"""{"title":"调整网格员","grid":"{{parent}}"}"""))).Headers.Location!.AbsolutePath;
        var code = await db.ScalarAsync<string>("SELECT c.code FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1 ORDER BY c.code LIMIT 1", parent);
        foreach (var bad in new[]
        {
            """{"workers":"张三"}""",
            """{"workers":[{"name":"张三","role":"队长","phone":"13812345678"}]}""",
            """{"workers":[{"name":"张三","role":"网格员","phone":"138****5678"}]}""",
            """{"workers":[{"name":"张三","role":"网格长","phone":"13812345678"},{"name":"李四","role":"grid_head","phone":"13912345678"}]}""",
        })
        {
            var refused = await planner.PatchAsync($"{path}/grids/{code}", Json(bad));
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, bad);
            Assert.Equal("workers", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
        }

        foreach (var bad in new[] { """{"population":-1}""", """{"population":"很多"}""", """{"population":1.5}""" })
        {
            var refused = await planner.PatchAsync($"{path}/grids/{code}", Json(bad));
            Assert.Equal("population", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
        }

        Assert.Equal(1, (await OkAsync(await planner.GetAsync(path))).GetProperty("revision").GetInt32());
        var state = await OkAsync(await planner.PatchAsync($"{path}/grids/{code}", Json("""
            {"population":3200,"workers":[{"name":"王网格","role":"网格长","phone":"13800001111"},{"name":"赵一","role":"网格员","phone":"13900002222"},{"name":"钱二","role":"grid_worker","phone":"13700003333"}]}
            """)));
        Assert.Equal(3200, state.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == code).GetProperty("properties").GetProperty("population").GetInt32());
        var named = state.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == code).GetProperty("properties").GetProperty("workers");
        Assert.Equal(3, named.GetArrayLength());
        Assert.Equal("grid_head", named[0].GetProperty("role").GetString());
        var preview = await OkAsync(await planner.GetAsync($"{path}/preview"));
        var row = preview.GetProperty("grids").EnumerateArray().Single(g => g.GetProperty("code").GetString() == code);
        Assert.Equal(3, row.GetProperty("workers_after").GetInt32());
        Assert.Equal("changed", row.GetProperty("change").GetString());

        var before = await db.ScalarAsync<long>("SELECT count(*) FROM grid_workers w JOIN grids g ON g.id = w.grid_id WHERE g.code = $1", code);
        await OkAsync(await planner.PostAsync($"{path}/apply", null));
        Assert.Equal("grid_head:王网格:13800001111,grid_worker:钱二:13700003333,grid_worker:赵一:13900002222", await db.ScalarAsync<string>(
            "SELECT string_agg(w.role || ':' || w.name || ':' || w.phone, ',' ORDER BY w.role, w.phone) FROM grid_workers w JOIN grids g ON g.id = w.grid_id WHERE g.code = $1", code));
        // The population is the grid's now, and its new version's in the history.
        Assert.Equal(3200, await db.ScalarAsync<int>("SELECT population FROM grids WHERE code = $1", code));
        Assert.Equal(3200, await db.ScalarAsync<int>("SELECT population FROM grid_history WHERE code = $1 AND valid_to = 'infinity'", code));
        Assert.Equal(before, await db.ScalarAsync<long>(
            "SELECT jsonb_array_length(before) FROM audit_log WHERE action = 'plan workers' AND entity_id = $1 ORDER BY id DESC LIMIT 1", code));
    }

    /// <summary>The web-mercator tile at zoom <paramref name="z"/> over a grid's point on surface.</summary>
    private async Task<(int X, int Y)> TileOverAsync(string grid, int z)
    {
        await using var cmd = db.DataSource.CreateCommand("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 3857) p FROM grids WHERE code = $1) q");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = grid });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        const double origin = 20037508.3427892;
        var size = 2 * origin / (1 << z);
        return ((int)((reader.GetDouble(0) + origin) / size), (int)((origin - reader.GetDouble(1)) / size));
    }

    /// <summary>Two children of the parent that share no edge.</summary>
    private async Task<string[]> FarPairAsync(string parent)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT a.code, b.code FROM grids a JOIN grids b ON a.parent_id = b.parent_id AND a.code < b.code
             WHERE a.parent_id = (SELECT id FROM grids WHERE code = $1) AND NOT ST_Intersects(a.geom, b.geom) ORDER BY 1, 2 LIMIT 1
            """);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = parent });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the parent has no two children apart");
        return [reader.GetString(0), reader.GetString(1)];
    }

    public void Dispose() => _factory.Dispose();
}
