using System.Net;
using System.Text.Json;
using GeoGrid.Core.Access;
using GeoGrid.Testing;
using static GeoGrid.Server.Tests.Planning.PlanHttp;

namespace GeoGrid.Server.Tests.Planning;

/// <summary>
/// Plans above the lowest level: a town's plan splits a level-2 grid along its level-3 grids, and a
/// district's plan hands a level-3 grid to a level-2 grid of another town, the outlines following up the
/// chain. Each applied, checked against PostGIS, then reverted back to the exact original. (二七区 and
/// 上街区, which no other plan test touches.)
/// </summary>
[Collection(PostGisCollection.Name)]
public sealed class PlanLevelsTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, string rule)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }

    /// <summary>Every grid below a town or district: code, parent code, and a digest of its outline.</summary>
    private Task<string> TreeAsync(string areaPrefix) => db.ScalarAsync<string>("""
        SELECT string_agg(g.code || '<' || coalesce(p.code, '-') || ':' || md5(ST_AsBinary(g.geom)) || ':' || g.households, ',' ORDER BY g.code)
          FROM grids g LEFT JOIN grids p ON p.id = g.parent_id WHERE starts_with(g.area_code, $1)
        """, areaPrefix);

    private Task<string> ParentOfAsync(string code) =>
        db.ScalarAsync<string>("SELECT p.code FROM grids g JOIN grids p ON p.id = g.parent_id WHERE g.code = $1", code);

    [Fact]
    public async Task A_town_plan_splits_a_level_2_grid_along_its_level_3_grids_and_apply_moves_them_whole()
    {
        var planner = await _factory.ClientAsync(Role.Planner, "410103");
        // The level-2 grid of 二七区 with the most level-3 grids; cut north–south between the middle two.
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT t.code, v.code, ST_YMin(v.geom) - 0.001, ST_YMax(v.geom) + 0.001,
                   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ST_X(ST_PointOnSurface(c.geom))) FROM grids c WHERE c.parent_id = v.id)
              FROM grids v JOIN grids t ON t.id = v.parent_id
             WHERE v.level = 2 AND starts_with(v.area_code, '410103')
             ORDER BY (SELECT count(*) FROM grids c WHERE c.parent_id = v.id) DESC, v.code LIMIT 1
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (town, village, y0, y1, x) = (reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4));
        await reader.DisposeAsync();
        var before = await TreeAsync("410103");
        var level3Before = await db.ScalarAsync<string>("SELECT string_agg(code || md5(ST_AsBinary(geom)), ',' ORDER BY code) FROM grids WHERE level = 3 AND starts_with(area_code, '410103')");
        var reportsBefore = await db.ScalarAsync<string>("SELECT string_agg(grid_id || ':' || n, ',' ORDER BY grid_id) FROM (SELECT grid_id, count(*) n FROM reports WHERE grid_id IN (SELECT id FROM grids WHERE starts_with(area_code, '410103')) GROUP BY 1) q");
        var kids = await db.ScalarAsync<long>("SELECT count(*) FROM grids c JOIN grids v ON v.id = c.parent_id WHERE v.code = $1", village);
        var villageOutline = await db.ScalarAsync<string>("SELECT ST_AsEWKT(geom) FROM grids WHERE code = $1", village);

        var opened = await planner.PostAsync("/plans", Json($$"""{"title":"村级拆分","grid":"{{town}}"}"""));
        var plan = await OkAsync(opened);
        var path = opened.Headers.Location!.AbsolutePath;
        var below = await db.ScalarAsync<long>("SELECT count(*) FROM grids g JOIN grids p ON p.id = g.parent_id WHERE p.code = $1 OR p.parent_id = (SELECT id FROM grids WHERE code = $1)", town);
        Assert.Equal(below, plan.GetProperty("features").GetArrayLength());

        var line = FormattableString.Invariant($$"""{"type":"LineString","coordinates":[[{{x + 1e-6}},{{y0}}],[{{x + 1e-6}},{{y1}}]]}""");
        var split = await OkAsync(await planner.PostAsync($"{path}/split", Json($$"""{"grid":"{{village}}","cut":{{line}}}""")));
        var parents = split.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("properties").GetProperty("parent").GetString());
        Assert.Equal(town, parents[$"{village}-a"]);
        var sides = parents.Values.Where(p => p == village || p == $"{village}-a").GroupBy(p => p).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(2, sides.Count);
        Assert.Equal(kids, sides.Values.Sum());

        var preview = await OkAsync(await planner.GetAsync($"{path}/preview"));
        var added = preview.GetProperty("grids").EnumerateArray().Single(g => g.GetProperty("code").GetString() == $"{village}-a");
        Assert.Equal("added", added.GetProperty("change").GetString());
        var moved = preview.GetProperty("grids").EnumerateArray().Where(g => g.GetProperty("depth").GetInt32() == 2).ToList();
        Assert.Equal(sides[$"{village}-a"], moved.Count(g => g.GetProperty("parent_after").GetString() == $"{village}-a"));
        Assert.NotEqual(JsonValueKind.Null, preview.GetProperty("moved_boundaries").ValueKind);

        var applied = await OkAsync(await planner.PostAsync($"{path}/apply", null));
        Assert.Equal(0, applied.GetProperty("reports_moved").GetInt64());
        // PostGIS agrees: the halves tile the old outline exactly (no gap or overlap with the neighbours),
        // each holds its level-3 grids (but for the few square metres real data strays by), and those
        // grids did not move or change.
        // (Measured in the lon/lat plane the edges are straight in, scaled to m² here: on the ellipsoid
        // a collinear vertex added along a 2.5 km edge makes a zero-area sliver of over 100 m².)
        const string squareMetres = "* 111319.49 * 111319.49 * cos(radians(34.7))";
        Assert.InRange(await db.ScalarAsync<double>(
            "SELECT ST_Area(ST_SymDifference(ST_Union(g.geom), ST_GeomFromEWKT($2))) " + squareMetres + " FROM grids g WHERE g.code IN ($1, $1 || '-a')", village, villageOutline), 0, 1);
        Assert.InRange(await db.ScalarAsync<double>(
            "SELECT ST_Area(ST_Intersection(a.geom, b.geom)) " + squareMetres + " FROM grids a, grids b WHERE a.code = $1 AND b.code = $1 || '-a'", village), 0, 1);
        foreach (var half in new[] { village, $"{village}-a" })
        {
            Assert.InRange(await db.ScalarAsync<double>(
                "SELECT min(ST_Area(ST_Intersection(c.geom, p.geom)) / ST_Area(c.geom)) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1", half), 0.99, 1.0000001);
        }

        Assert.Equal(2, await db.ScalarAsync<int>("SELECT level::int FROM grids WHERE code = $1", $"{village}-a"));
        Assert.Equal(town, await ParentOfAsync($"{village}-a"));
        Assert.Equal(level3Before, await db.ScalarAsync<string>("SELECT string_agg(code || md5(ST_AsBinary(geom)), ',' ORDER BY code) FROM grids WHERE level = 3 AND starts_with(area_code, '410103')"));
        Assert.Equal(reportsBefore, await db.ScalarAsync<string>("SELECT string_agg(grid_id || ':' || n, ',' ORDER BY grid_id) FROM (SELECT grid_id, count(*) n FROM reports WHERE grid_id IN (SELECT id FROM grids WHERE starts_with(area_code, '410103')) GROUP BY 1) q"));
        Assert.Equal(sides[$"{village}-a"], await db.ScalarAsync<long>("SELECT count(*) FROM grid_history h JOIN grids p ON p.id = h.parent_id WHERE p.code = $1 AND h.valid_to = 'infinity' AND h.plan_id IS NOT NULL", $"{village}-a"));

        // Reverted (a new plan, applied): the town's whole tree is as it was, to the byte.
        var revert = await OkAsync(await planner.PostAsync($"{path}/revert", null));
        await OkAsync(await planner.PostAsync($"/plans/{revert.GetProperty("id").GetString()}/apply", null));
        Assert.Equal(before, await TreeAsync("410103"));
    }

    [Fact]
    public async Task A_district_plan_hands_a_level_3_grid_to_another_town_and_both_chains_of_outlines_follow()
    {
        var planner = await _factory.ClientAsync(Role.Planner, "410106");
        // A level-3 grid of 上街区 on a town border whose handing over leaves every outline one polygon
        // (PostGIS decides which): its parent and town lose it, the neighbour's gain it.
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT x.code, p1.code, t1.code, p2.code, t2.code
              FROM grids x JOIN grids p1 ON p1.id = x.parent_id JOIN grids t1 ON t1.id = p1.parent_id
              JOIN grids p2 ON p2.level = 2 AND p2.parent_id <> t1.id AND starts_with(p2.area_code, '410106') AND p2.geom && x.geom
              JOIN grids t2 ON t2.id = p2.parent_id
             WHERE x.level = 3 AND starts_with(x.area_code, '410106')
               AND (SELECT count(*) FROM grids s WHERE s.parent_id = p1.id) > 1
               AND ST_Length(ST_Intersection(ST_Boundary(x.geom), ST_Boundary(p2.geom))::geography) > 100
               AND ST_NumGeometries(ST_Difference(p1.geom, x.geom)) = 1 AND ST_NumGeometries(ST_Difference(t1.geom, x.geom)) = 1
               AND ST_NumGeometries(ST_Union(p2.geom, x.geom)) = 1 AND ST_NumGeometries(ST_Union(t2.geom, x.geom)) = 1
             ORDER BY x.code, p2.code LIMIT 1
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no level-3 grid on a town border of 上街区");
        var (x, p1, t1, p2, t2) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
        await reader.DisposeAsync();
        var before = await TreeAsync("410106");
        var outlines = new[] { p1, t1, p2, t2 }.ToDictionary(c => c, c => db.ScalarAsync<string>("SELECT ST_AsEWKT(geom) FROM grids WHERE code = $1", c).Result);
        var reportsInX = await db.ScalarAsync<long>("SELECT count(*) FROM reports r JOIN grids g ON g.id = r.grid_id WHERE g.code = $1", x);

        // Not opened by a planner of another district; opened by this one on the district.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.ClientAsync(Role.Planner, "410108")).PostAsync("/plans", Json("""{"title":"越界","area":"410106"}"""))).StatusCode);
        var opened = await planner.PostAsync("/plans", Json("""{"title":"跨镇移交","area":"410106"}"""));
        var path = opened.Headers.Location!.AbsolutePath;
        Assert.Equal("area", (await OkAsync(opened)).GetProperty("root_kind").GetString());

        // Refused, each by its rule, the plan unchanged: a grid to a grid of the wrong level; to a parent it
        // does not touch; siblings-only operations across parents.
        await RefusedAsync(await planner.PostAsync($"{path}/reassign", Json($$"""{"grid":"{{x}}","parent":"{{t2}}"}""")), "level");
        var far = await db.ScalarAsync<string>("""
            SELECT p.code FROM grids p, grids x WHERE x.code = $1 AND p.level = 2 AND starts_with(p.area_code, '410106') AND p.id <> x.parent_id
               AND ST_Distance(p.geom::geography, x.geom::geography) > 1000 ORDER BY p.code LIMIT 1
            """, x);
        await RefusedAsync(await planner.PostAsync($"{path}/reassign", Json($$"""{"grid":"{{x}}","parent":"{{far}}"}""")), "not_adjacent");
        await RefusedAsync(await planner.PostAsync($"{path}/merge", Json($$"""{"grids":["{{p1}}","{{p2}}"]}""")), "not_siblings");
        Assert.Equal(1, (await OkAsync(await planner.GetAsync(path))).GetProperty("revision").GetInt32());

        var handed = await OkAsync(await planner.PostAsync($"{path}/reassign", Json($$"""{"grid":"{{x}}","parent":"{{p2}}"}""")));
        Assert.Equal(p2, handed.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == x).GetProperty("properties").GetProperty("parent").GetString());
        var preview = await OkAsync(await planner.GetAsync($"{path}/preview"));
        var changed = preview.GetProperty("grids").EnumerateArray().Where(g => g.GetProperty("change").GetString() == "changed").Select(g => g.GetProperty("code").GetString()!).Order().ToList();
        Assert.Equal(new[] { x, p1, p2, t1, t2 }.Order().ToList(), changed);

        await OkAsync(await planner.PostAsync($"{path}/apply", null));
        Assert.Equal(p2, await ParentOfAsync(x));
        // Each outline is the old one less or plus the grid, as PostGIS computes it; X and its reports stay.
        async Task<double> OffBy(string code, string expected) => await db.ScalarAsync<double>(
            "SELECT ST_Area(ST_SymDifference(g.geom, " + expected + ")::geography) FROM grids g, grids x WHERE g.code = $1 AND x.code = $2", code, x);
        Assert.InRange(await OffBy(p1, $"ST_Difference('{outlines[p1]}'::geometry, x.geom)"), 0, 1);
        Assert.InRange(await OffBy(t1, $"ST_Difference('{outlines[t1]}'::geometry, x.geom)"), 0, 1);
        Assert.InRange(await OffBy(p2, $"ST_Union('{outlines[p2]}'::geometry, x.geom)"), 0, 1);
        Assert.InRange(await OffBy(t2, $"ST_Union('{outlines[t2]}'::geometry, x.geom)"), 0, 1);
        Assert.Equal(reportsInX, await db.ScalarAsync<long>("SELECT count(*) FROM reports r JOIN grids g ON g.id = r.grid_id WHERE g.code = $1", x));
        Assert.Equal(5, await db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE detail->>'plan' = $1", path.Split('/')[^1]));

        var revert = await OkAsync(await planner.PostAsync($"{path}/revert", null));
        await OkAsync(await planner.PostAsync($"/plans/{revert.GetProperty("id").GetString()}/apply", null));
        Assert.Equal(before, await TreeAsync("410106"));
    }

    [Fact]
    public async Task A_grid_directly_under_the_plans_root_is_not_handed_elsewhere_and_a_town_plan_says_so()
    {
        var planner = await _factory.ClientAsync(Role.Planner, "410106");
        var (town, village, other) = (await db.ScalarAsync<string>("SELECT t.code FROM grids t WHERE t.level = 1 AND starts_with(t.area_code, '410106') ORDER BY code LIMIT 1"), "", "");
        village = await db.ScalarAsync<string>("SELECT v.code FROM grids v JOIN grids t ON t.id = v.parent_id WHERE t.code = $1 ORDER BY v.code LIMIT 1", town);
        other = await db.ScalarAsync<string>("SELECT v.code FROM grids v JOIN grids t ON t.id = v.parent_id WHERE t.code = $1 ORDER BY v.code DESC LIMIT 1", town);
        var path = (await planner.PostAsync("/plans", Json($$"""{"title":"镇内","grid":"{{town}}"}"""))).Headers.Location!.AbsolutePath;
        var problem = await RefusedAsync(await planner.PostAsync($"{path}/reassign", Json($$"""{"grid":"{{village}}","parent":"{{other}}"}""")), "reassign");
        Assert.Contains("one level higher", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.PostAsync($"{path}/reassign", Json($$"""{"grid":"{{village}}","parent":"NOPE"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.PostAsync("/plans", Json($$"""{"title":"两者","grid":"{{town}}","area":"410106"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.PostAsync("/plans", Json("""{"title":"无此区","area":"410199"}"""))).StatusCode);

        // A town's administrative area: its level-1 grid and everything below it.
        var townArea = await db.ScalarAsync<string>("SELECT area_code FROM grids WHERE code = $1", town);
        var byArea = await planner.PostAsync("/plans", Json($$"""{"title":"按乡镇","area":"{{townArea}}"}"""));
        var state = await OkAsync(byArea);
        var below = await db.ScalarAsync<long>("SELECT count(*) FROM grids g WHERE starts_with(g.area_code, $1)", townArea);
        Assert.Equal(below, state.GetProperty("features").GetArrayLength());
        Assert.Equal(townArea, state.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == town).GetProperty("properties").GetProperty("parent").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await planner.DeleteAsync(byArea.Headers.Location!.AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await planner.DeleteAsync(path)).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
