using GeoGrid.Core.Access;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GeoGrid.Core.Crs;
using GeoGrid.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GeoGrid.Server.Tests.Analysis;

/// <summary>The analyses over HTTP, each checked against the same question put to PostGIS.</summary>
[Collection(PostGisCollection.Name)]
public sealed class AnalysesApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    private async Task<JsonObject> GetJson(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        // Jobs are an analyst's; the rest of /analyses is anyone's.
        var client = path.StartsWith("/jobs", StringComparison.Ordinal) || path.Contains("/jobs/", StringComparison.Ordinal) ? await _factory.ClientAsync(Role.Analyst) : _factory.CreateClient();
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static double D(JsonNode? n) => n!.GetValue<double>();

    [Fact]
    public async Task Responsibility_at_a_point_names_what_PostGIS_finds_there()
    {
        // A report's location in 高村乡: its level-3 grid, workers, district, zone, nearest road, open reports nearby.
        var (lon, lat) = (await db.ScalarAsync<string>("SELECT ST_X(r.geom) || ' ' || ST_Y(r.geom) FROM reports r JOIN grids g ON g.id = r.grid_id WHERE g.code LIKE 'G410182201%' ORDER BY r.id LIMIT 1")).Split(' ') switch { var p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)) };
        var at = $"ST_SetSRID(ST_MakePoint({lon.ToString("R", CultureInfo.InvariantCulture)}, {lat.ToString("R", CultureInfo.InvariantCulture)}), 4490)";
        var answer = await GetJson(string.Create(CultureInfo.InvariantCulture, $"/analyses/responsibility?lon={lon:R}&lat={lat:R}&radius=300"));

        var grid3 = await db.ScalarAsync<string>($"SELECT code FROM grids WHERE level = 3 AND ST_Intersects(geom, {at}) ORDER BY code LIMIT 1");
        var grids = answer["grids"]!.AsArray();
        Assert.Equal(await db.ScalarAsync<long>($"SELECT count(*) FROM grids WHERE ST_Intersects(geom, {at})"), grids.Count);
        var level3 = grids.Single(g => (int)g!["level"]! == 3)!;
        Assert.Equal(grid3, (string?)level3["code"]);
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM grid_workers w JOIN grids g ON g.id = w.grid_id WHERE g.code = $1", grid3), level3["workers"]!.AsArray().Count);
        Assert.Contains(answer["admin_areas"]!.AsArray(), a => (string?)a!["name"] == "荥阳市");
        Assert.Equal(await db.ScalarAsync<string>($"SELECT coalesce(string_agg(kind::text, ',' ORDER BY kind), '') FROM floodplain_zones WHERE ST_Intersects(geom, {at})"),
            string.Join(",", answer["floodplain_zones"]!.AsArray().Select(z => (string?)z!["kind"])));
        // The nearest road is named only within the default 1,000 m; asked farther, it is the nearest of all.
        Assert.Equal(await db.ScalarAsync<string>($"SELECT coalesce((SELECT code FROM road_segments WHERE ST_DWithin(geom::geography, {at}::geography, 1000) ORDER BY ST_Distance(geom::geography, {at}::geography) LIMIT 1), '')"), (string?)answer["nearest_road"]?["code"] ?? string.Empty);
        var far = await GetJson(string.Create(CultureInfo.InvariantCulture, $"/analyses/responsibility?lon={lon:R}&lat={lat:R}&road-distance=20000"));
        Assert.Equal(await db.ScalarAsync<string>($"SELECT code FROM road_segments ORDER BY ST_Distance(geom::geography, {at}::geography) LIMIT 1"), (string?)far["nearest_road"]!["code"]);
        Assert.Equal(await db.ScalarAsync<long>($"SELECT count(*) FROM reports WHERE status <> 'closed' AND ST_DWithin(geom::geography, {at}::geography, 300)"), (long)answer["open_reports"]!["count"]!);

        // The same place read off a consumer map (GCJ-02) gives the same grids.
        var (gx, gy) = Gcj02.FromWgs84(lon, lat);
        var fromGcj = await GetJson(string.Create(CultureInfo.InvariantCulture, $"/analyses/responsibility?lon={gx:R}&lat={gy:R}&crs=GCJ02"));
        Assert.Equal(grids.Select(g => (string?)g!["code"]), fromGcj["grids"]!.AsArray().Select(g => (string?)g!["code"]));
    }

    [Fact]
    public async Task Responsibility_for_a_posted_polygon_lists_every_grid_it_touches()
    {
        const string polygon = """{"type":"Polygon","coordinates":[[[113.55,34.92],[113.57,34.92],[113.57,34.935],[113.55,34.935],[113.55,34.92]]]}""";
        var response = await _factory.CreateClient().PostAsync("/analyses/responsibility?radius=0", new StringContent(polygon, Encoding.UTF8, "application/geo+json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var expected = await db.ScalarAsync<long>("SELECT count(*) FROM grids WHERE ST_Intersects(geom, ST_MakeEnvelope(113.55, 34.92, 113.57, 34.935, 4490))");
        Assert.Equal(expected, answer["grids"]!.AsArray().Count);
        Assert.True(expected > 3);
    }

    [Theory]
    [InlineData("/analyses/responsibility?lat=34.9", "lon")]
    [InlineData("/analyses/responsibility?lon=113.5&lat=34.9&radius=-1", "radius")]
    [InlineData("/analyses/responsibility?lon=34.9&lat=113.5", "lat")]
    [InlineData("/analyses/hotspots?bin-size=0", "bin-size")]
    [InlineData("/analyses/hotspots?distance-crs=EPSG:4326", "distance-crs")]
    [InlineData("/analyses/hotspots?bin-size=1", "bin-size")]
    [InlineData("/analyses/hotspots?area=410182201&bin-size=300&distance-band=100000", "distance-band")]
    [InlineData("/analyses/emerging-hotspots?bin-size=2", "bin-size")]
    [InlineData("/analyses/hotspots?source=grids&value=reports&weights=knn&k=0", "k")]
    [InlineData("/analyses/hotspots?area=999999", "area")]
    [InlineData("/analyses/hotspots?from=2026-13-01", "from")]
    [InlineData("/analyses/clusters?eps=abc", "eps")]
    [InlineData("/analyses/coverage", "parent")]
    [InlineData("/analyses/density/3/1/1.png?bandwidth=0", "bandwidth")]
    public async Task Bad_parameters_get_a_problem_naming_them(string path, string parameter)
    {
        var response = await _factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(parameter, (string?)problem["parameter"]);
    }

    [Fact]
    public async Task Hotspots_of_reports_per_household_use_the_counts_PostGIS_gives_and_record_how_they_ran()
    {
        var result = await GetJson("/analyses/hotspots?source=grids&area=410182201&value=reports&denominator=households&weights=contiguity&fdr=true");
        Assert.Equal("hotspots", (string?)result["analysis"]);
        Assert.Equal("contiguity", (string?)result["parameters"]!["weights"]);
        Assert.Equal(await db.ScalarAsync<long>("SELECT last_value FROM data_version"), (long)result["data_version"]!);

        var features = result["features"]!.AsArray();
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM grids WHERE level = 3 AND households > 0 AND code LIKE 'G410182201%'"), features.Count);
        foreach (var f in features.Take(20))
        {
            var code = (string)f!["properties"]!["unit"]!;
            var rate = await db.ScalarAsync<double>("SELECT (SELECT count(*) FROM reports r WHERE ST_Intersects(r.geom, g.geom))::float8 / g.households FROM grids g WHERE g.code = $1", code);
            Assert.Equal(rate, D(f["properties"]!["value"]), 1e-12);
        }

        // With the FDR correction the p-value a class is decided on is never below the raw one, and the class follows it.
        foreach (var p in features.Select(f => f!["properties"]!))
        {
            Assert.True(D(p["gi_p_used"]) >= D(p["gi_p"]) - 1e-15);
            var expected = D(p["gi_p_used"]) switch { <= 0.01 => 3, <= 0.05 => 2, <= 0.10 => 1, _ => 0 } * Math.Sign(D(p["gi_z"]));
            Assert.Equal(expected, (int)p["gi_bin"]!);
        }
    }

    [Fact]
    public async Task A_job_reports_progress_and_its_result_equals_the_direct_run()
    {
        var client = await _factory.ClientAsync(Role.Analyst);
        const string query = "area=410182201&bin-size=400&permutations=99&seed=7";
        var accepted = await client.PostAsync($"/analyses/hotspots/jobs?{query}", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.ToString();

        JsonObject job;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        do
        {
            await Task.Delay(200);
            job = await GetJson(location);
            Assert.InRange(D(job["progress"]), 0, 1);
        }
        while ((string?)job["status"] is "queued" or "running" && DateTime.UtcNow < deadline);

        Assert.True((string?)job["status"] == "succeeded", job.ToJsonString());
        Assert.Equal(1, D(job["progress"]));
        var stored = await GetJson(location + "/result");
        var direct = await GetJson($"/analyses/hotspots?{query}");
        var zs = (JsonObject o) => o["features"]!.AsArray().Select(f => (D(f!["properties"]!["gi_z"]), D(f["properties"]!["gi_p_sim"]))).ToList();
        Assert.Equal(zs(direct), zs(stored));
        Assert.Equal("7", (string?)stored["parameters"]!["seed"]);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/jobs/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_job_whose_value_area_or_work_cannot_hold_is_refused_before_it_is_queued()
    {
        var client = await _factory.ClientAsync(Role.Analyst);
        var jobs = await db.ScalarAsync<long>("SELECT count(*) FROM analysis_jobs");
        foreach (var (query, parameter) in new[] { ("hotspots/jobs?bin-size=-3", "bin-size"), ("hotspots/jobs?area=419999", "area"), ("clusters/jobs?eps=1000000000", "eps") })
        {
            var refused = await client.PostAsync("/analyses/" + query, null);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(parameter, (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["parameter"]);
        }

        Assert.Equal(jobs, await db.ScalarAsync<long>("SELECT count(*) FROM analysis_jobs"));
    }

    [Fact]
    public async Task A_running_job_is_cancelled_by_delete_and_a_finished_one_deleted()
    {
        var client = await _factory.ClientAsync(Role.Analyst);
        // Thousands of permutations over the demo's reports: long enough to be caught running.
        var submitted = await client.PostAsync("/analyses/hotspots/jobs?permutations=9999&bin-size=300", null);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var location = submitted.Headers.Location!.ToString();

        var cancelled = await client.DeleteAsync(location);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (string?)JsonNode.Parse(await cancelled.Content.ReadAsStringAsync())!["status"]);

        // The run stops; its end does not overwrite the cancellation.
        await Task.Delay(1500);
        var job = await GetJson(location);
        Assert.Equal("cancelled", (string?)job["status"]);
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync(location + "/result")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task A_job_cancelled_through_one_server_is_stopped_by_the_server_running_it_and_each_vouches_for_its_own()
    {
        var fast = new Dictionary<string, string> { ["GeoGrid:Jobs:HeartbeatSeconds"] = "0.2" };
        using var a = new GeoGridFactory(db, fast);
        using var b = new GeoGridFactory(db, fast);
        var client = await a.ClientAsync(Role.Analyst);
        var submitted = await client.PostAsync("/analyses/hotspots/jobs?permutations=9999&bin-size=300", null);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var location = submitted.Headers.Location!.ToString();
        var id = Guid.Parse(location.Split('/')[^1]);

        // Either server may claim it; find which (waited for, not timed).
        var servers = new[] { a, b }.ToDictionary(f => f.Services.GetRequiredService<GeoGrid.Server.Analysis.AnalysisJobs>().Runner);
        for (var i = 0; i < 100 && await db.ScalarAsync<string>("SELECT status FROM analysis_jobs WHERE id = $1", id) == "queued"; i++) await Task.Delay(100);
        var running = servers[await db.ScalarAsync<Guid>("SELECT runner FROM analysis_jobs WHERE id = $1", id)];
        var other = running == a ? b : a;

        // The heartbeat moves while it runs (waited for, not timed: at most 10 s).
        var first = await db.ScalarAsync<DateTime>("SELECT heartbeat_at FROM analysis_jobs WHERE id = $1", id);
        for (var i = 0; i < 100 && await db.ScalarAsync<DateTime>("SELECT heartbeat_at FROM analysis_jobs WHERE id = $1", id) == first; i++) await Task.Delay(100);
        Assert.True(await db.ScalarAsync<DateTime>("SELECT heartbeat_at FROM analysis_jobs WHERE id = $1", id) > first);

        // Cancelled through the other server: the running server's next beat stops the run; it stays cancelled.
        var jobs = running.Services.GetRequiredService<GeoGrid.Server.Analysis.AnalysisJobs>();
        Assert.Contains(id, jobs.Running);
        Assert.Equal(HttpStatusCode.OK, (await (await other.ClientAsync(Role.Analyst)).DeleteAsync(location)).StatusCode);
        for (var i = 0; i < 300 && jobs.Running.Contains(id); i++) await Task.Delay(100);
        Assert.DoesNotContain(id, jobs.Running);
        Assert.Equal("cancelled", await db.ScalarAsync<string>("SELECT status FROM analysis_jobs WHERE id = $1", id));
    }

    [Fact]
    public async Task The_data_version_moves_with_every_change_to_the_data()
    {
        var before = await db.ScalarAsync<long>("SELECT last_value FROM data_version");
        await db.ScalarAsync<long>("WITH u AS (UPDATE grids SET name = name WHERE code = 'G410182201' RETURNING 1) SELECT count(*) FROM u");
        Assert.Equal(before + 1, await db.ScalarAsync<long>("SELECT last_value FROM data_version"));
    }

    [Fact]
    public async Task Coverage_of_a_district_checks_every_town_and_village_and_finds_the_demo_clean()
    {
        var result = await GetJson("/analyses/coverage?parent=410108&depth=2");
        var expected = await db.ScalarAsync<long>("SELECT count(*) FROM admin_areas WHERE code = '410108' OR parent_code = '410108' OR parent_code IN (SELECT code FROM admin_areas WHERE parent_code = '410108')");
        Assert.Equal(expected, (long)result["summary"]!["grids"]!);
        Assert.Empty(result["features"]!.AsArray());
    }

    [Fact]
    public async Task Road_coverage_shares_equal_the_lengths_PostGIS_measures()
    {
        var result = await GetJson("/analyses/roads");
        var shares = result["summary"]!["shares"]!.AsArray().Where(s => (string?)s!["level"] == "district").ToList();
        Assert.NotEmpty(shares);
        foreach (var s in shares)
        {
            var code = (string)s!["code"]!;
            var total = await db.ScalarAsync<double>("SELECT sum(ST_Length(geom::geography)) FROM road_segments WHERE district_code = $1", code);
            var chiefed = await db.ScalarAsync<double>("SELECT coalesce(sum(ST_Length(geom::geography)), 0) FROM road_segments WHERE district_code = $1 AND chief_id IS NOT NULL", code);
            Assert.Equal(total, D(s["length_m"]), total * 1e-3);
            Assert.Equal(chiefed / total, D(s["share"]), 1e-3);
        }

        var noChief = result["features"]!.AsArray().Count(f => (string?)f!["properties"]!["kind"] == "no_chief");
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM road_segments WHERE chief_id IS NULL"), noChief);
    }

    [Fact]
    public async Task Density_tiles_are_coloured_where_reports_are_and_clear_where_none_are()
    {
        var client = _factory.CreateClient();
        // z12 tiles over 高村乡 (113.18°E 34.86°N), where most demo reports are, and over the far south-west.
        var busy = await client.GetByteArrayAsync("/analyses/density/12/3335/1624.png");
        var empty = await client.GetByteArrayAsync("/analyses/density/12/3332/1632.png");
        using var busyImage = SkiaSharp.SKBitmap.Decode(busy);
        using var emptyImage = SkiaSharp.SKBitmap.Decode(empty);
        Assert.Equal(256, busyImage.Width);
        Assert.True(busyImage.Pixels.Count(p => p.Alpha > 0) > 1000);
        Assert.All(emptyImage.Pixels, p => Assert.Equal(0, p.Alpha));

        // The same tile again is the same tag: a client that has it gets a 304.
        var first = await client.GetAsync("/analyses/density/12/3332/1632.png");
        var again = new HttpRequestMessage(HttpMethod.Get, "/analyses/density/12/3332/1632.png");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        var grid = await client.GetStringAsync("/analyses/density?area=410182201&cell-size=100&f=asc");
        Assert.StartsWith("ncols ", grid);
    }

    [Fact]
    public async Task Clusters_of_sites_hold_at_least_min_points_each()
    {
        var result = await GetJson("/analyses/clusters?source=sites&eps=300&min-points=4");
        var clusters = result["features"]!.AsArray();
        Assert.NotEmpty(clusters);
        Assert.All(clusters, c => Assert.True((int)c!["properties"]!["count"]! >= 4));
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM sites"), (long)result["summary"]!["points"]!);
    }

    public void Dispose() => _factory.Dispose();
}
