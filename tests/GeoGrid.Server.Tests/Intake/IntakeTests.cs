using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using GeoGrid.Core.Access;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Intake;

/// <summary>The 随手拍 intake: Open311 clients, Chinese categories, routing, duplicates, withdrawal, rate limits, closing figures.</summary>
[Collection(PostGisCollection.Name)]
public sealed class IntakeTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    private static StringContent Report(string category, double lon, double lat, string text = "随手拍测试") =>
        new("{\"type\":\"Feature\",\"properties\":{\"category\":\"" + category + "\",\"text\":\"" + text + "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + FormattableString.Invariant($"{lon},{lat}") + "]}}", Encoding.UTF8, "application/geo+json");

    private async Task<(double Lon, double Lat)> InsideGridAsync(int n)
    {
        await using var cmd = db.DataSource.CreateCommand("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grids WHERE level = 3 ORDER BY id OFFSET $1 LIMIT 1) x");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = n });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDouble(0), reader.GetDouble(1));
    }

    [Fact]
    public async Task An_open311_client_lists_services_posts_a_request_and_reads_it_back()
    {
        var client = new GeoReportClient(_factory.CreateClient(), "http://localhost/open311/v2/discovery.json");
        var services = await client.ServicesAsync();
        Assert.Equal(7, services.Count);
        // A citizen picks 环境卫生 by its name; its keywords carry the everyday word 垃圾.
        var sanitation = services.Single(s => s.Name == "环境卫生");
        Assert.Contains("垃圾", sanitation.Keywords, StringComparison.Ordinal);

        var (lon, lat) = await InsideGridAsync(40);
        var (id, notice, status, _) = await client.PostAsync(sanitation.Code, lat, lon, "小区门口垃圾三天没人清");
        Assert.Equal(201, status);
        Assert.NotNull(id);
        var grid = await db.ScalarAsync<string>("SELECT code FROM grids WHERE level = 3 AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4490)) ORDER BY id LIMIT 1", lon, lat);
        Assert.Contains(grid, notice, StringComparison.Ordinal);

        var read = await client.RequestAsync(id);
        Assert.NotNull(read);
        Assert.Equal("open", read.Status);
        Assert.Equal("sanitation", read.ServiceCode);
        Assert.Equal("小区门口垃圾三天没人清", read.Description);
        Assert.Equal(lat, read.Lat, 6);
        Assert.Equal(lon, read.Long, 6);
        Assert.Contains(await client.RequestsAsync($"service_request_id={id}"), r => r.Id == id);
        Assert.Contains(await client.RequestsAsync("service_code=sanitation&status=open"), r => r.Id == id);
        Assert.DoesNotContain(await client.RequestsAsync("service_code=sanitation&status=closed"), r => r.Id == id);

        // By the Chinese word alone, too; and the spec's XML.
        Assert.Equal(201, (await client.PostAsync("垃圾", lat, lon, "垃圾")).Status);
        var xml = XDocument.Parse(await _factory.CreateClient().GetStringAsync("/open311/v2/services.xml"));
        Assert.Equal(7, xml.Root!.Elements("service").Count());
        Assert.Equal("services", xml.Root.Name.LocalName);
    }

    [Fact]
    public async Task Open311_errors_come_in_the_specs_format_and_name_the_field()
    {
        var client = new GeoReportClient(_factory.CreateClient(), "http://localhost/open311/v2/discovery.json");
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM reports");
        var (_, _, status, answer) = await client.PostAsync("fireworks", 34.8, 113.6, "x");
        Assert.Equal(400, status);
        var error = answer.EnumerateArray().Single();
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Contains("service_code", error.GetProperty("description").GetString(), StringComparison.Ordinal);

        (_, _, status, answer) = await client.PostAsync("sanitation", double.NaN, 113.6, "x");
        Assert.Equal(400, status);
        Assert.Contains("lat", answer.EnumerateArray().Single().GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync("/open311/v2/requests/NOPE.json")).StatusCode);
        Assert.Equal(before, await db.ScalarAsync<long>("SELECT count(*) FROM reports"));
    }

    [Fact]
    public async Task A_report_by_an_everyday_word_is_routed_to_its_grid_and_one_outside_every_grid_is_told_so()
    {
        var client = _factory.CreateClient();
        var (lon, lat) = await InsideGridAsync(41);
        var made = await client.PostAsync("/ogc/collections/reports/items", Report("井盖", lon, lat, "井盖松动"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        using var answer = JsonDocument.Parse(await made.Content.ReadAsStringAsync());
        var code = answer.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("road_facility", await db.ScalarAsync<string>("SELECT category::text FROM reports WHERE code = $1", code));
        Assert.Equal(await db.ScalarAsync<string>("SELECT g.code FROM reports r JOIN grids g ON g.id = r.grid_id WHERE r.code = $1", code!), answer.RootElement.GetProperty("grid_code").GetString());
        // The answer names who handles it there, phones masked for the public.
        var workers = answer.RootElement.GetProperty("workers").EnumerateArray().ToList();
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM reports r JOIN grid_workers w ON w.grid_id = r.grid_id WHERE r.code = $1", code), workers.Count);
        Assert.All(workers, w => Assert.Matches("^1[0-9]{2}\\*{4}[0-9]{4}$", w.GetProperty("phone").GetString()));
        Assert.Equal("routed", await db.ScalarAsync<string>("SELECT status::text FROM reports WHERE code = $1", code));
        // The routing is the last event in time as well, so a timeline ends where the status is.
        Assert.Equal("routed", await db.ScalarAsync<string>("SELECT e.status::text FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.code = $1 ORDER BY e.at DESC, e.id DESC LIMIT 1", code));

        // A corner of Zhengzhou's box that no grid covers: inside the service area, outside every grid.
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT ST_X(p), ST_Y(p) FROM (SELECT (ST_DumpPoints(ST_Buffer(ST_Envelope(ST_Collect(geom)), -0.02, 'join=mitre'))).geom p FROM admin_areas WHERE level = 'district') c
             WHERE NOT EXISTS (SELECT 1 FROM grids g WHERE g.level = 3 AND ST_Intersects(g.geom, ST_SetSRID(c.p, 4490))) LIMIT 1
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM reports");
        var outside = await client.PostAsync("/ogc/collections/reports/items", Report("垃圾", reader.GetDouble(0), reader.GetDouble(1)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("no grid contains", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await db.ScalarAsync<long>("SELECT count(*) FROM reports"));
    }

    [Fact]
    public async Task A_likely_duplicate_is_linked_to_the_first_report_and_kept()
    {
        var client = _factory.CreateClient();
        var (lon, lat) = await InsideGridAsync(42);
        async Task<JsonElement> FileAsync(string category, double dLon) =>
            JsonDocument.Parse(await (await client.PostAsync("/ogc/collections/reports/items", Report(category, lon + dLon, lat))).Content.ReadAsStringAsync()).RootElement.Clone();

        var first = await FileAsync("dispute", 0);
        // What PostGIS says the first one repeats, if anything (an open dispute within 50 m in the last day).
        var earlier = first.GetProperty("duplicate_of").GetString();
        var target = earlier ?? first.GetProperty("id").GetString();
        var second = await FileAsync("矛盾纠纷", 0.0001);   // about 9 m east
        Assert.Equal(target, second.GetProperty("duplicate_of").GetString());
        Assert.True(await db.ScalarAsync<double>("SELECT ST_Distance(a.geom::geography, b.geom::geography) FROM reports a, reports b WHERE a.code = $1 AND b.code = $2",
            target!, second.GetProperty("id").GetString()!) <= 50);

        // Another category, or 300 m away: not the same problem.
        Assert.Equal(JsonValueKind.Null, (await FileAsync("safety", 0.0001)).GetProperty("duplicate_of").ValueKind);
        var far = await FileAsync("dispute", 0.0033);
        Assert.NotEqual(target, far.GetProperty("duplicate_of").GetString());
        // All kept: none was dropped for being a duplicate.
        var codes = new[] { first, second, far }.Select(r => r.GetProperty("id").GetString()!).Append(target!).Distinct().ToArray();
        Assert.Equal(codes.Length, await db.ScalarAsync<long>("SELECT count(*) FROM reports WHERE code = ANY($1)", (object)codes));
    }

    [Fact]
    public async Task A_reporter_withdraws_with_the_token_and_no_one_else_can()
    {
        var client = _factory.CreateClient();
        var (lon, lat) = await InsideGridAsync(43);
        using var made = JsonDocument.Parse(await (await client.PostAsync("/ogc/collections/reports/items", Report("other", lon, lat))).Content.ReadAsStringAsync());
        var code = made.RootElement.GetProperty("id").GetString();
        var token = made.RootElement.GetProperty("withdraw_token").GetString();
        var path = $"/ogc/collections/reports/items/{code}/withdraw";
        StringContent Token(string t) => new("{\"token\":\"" + t + "\"}", Encoding.UTF8, "application/json");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(path, Token("0123456789abcdef0123456789abcdef"))).StatusCode);
        Assert.Equal("routed", await db.ScalarAsync<string>("SELECT status::text FROM reports WHERE code = $1", code!));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync(path, Token(token!))).StatusCode);
        Assert.Equal("withdrawn", await db.ScalarAsync<string>("SELECT status::text FROM reports WHERE code = $1", code!));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync(path, Token(token!))).StatusCode);

        // A signed-in citizen withdraws their own report by Open311, no token needed.
        var citizen = await _factory.ClientAsync(Role.Public);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["service_code"] = "other", ["lat"] = lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture), ["long"] = lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture), ["description"] = "我的" });
        var mine = JsonDocument.Parse(await (await citizen.PostAsync("/open311/v2/requests.json", form)).Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/open311/v2/requests/{mine}/withdraw.json", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await citizen.PostAsync($"/open311/v2/requests/{mine}/withdraw.json", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal("closed", JsonDocument.Parse(await client.GetStringAsync($"/open311/v2/requests/{mine}.json")).RootElement[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_client_over_the_intake_limit_gets_429_with_retry_after_and_nothing_more_is_filed()
    {
        using var limited = new GeoGridFactory(db, new Dictionary<string, string> { ["GeoGrid:Intake:PerMinute"] = "3" });
        var client = limited.CreateClient();
        var (lon, lat) = await InsideGridAsync(44);
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM reports");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostAsync("/ogc/collections/reports/items", Report("other", lon, lat));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType!.MediaType);
        Assert.Equal(before + 3, await db.ScalarAsync<long>("SELECT count(*) FROM reports"));
        // Reading stays open.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/open311/v2/services.json")).StatusCode);
    }

    [Fact]
    public async Task Closing_figures_for_gaocun_equal_postgis_over_the_same_reports()
    {
        using var answer = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/figures/reports?area=高村乡&datetime=2024-01-01/2026-12-31&level=2"));
        var figures = answer.RootElement.GetProperty("figures").EnumerateArray().ToList();
        var whole = figures[0];
        Assert.True(whole.GetProperty("total").GetBoolean());
        const string inPeriod = """
            FROM reports r JOIN admin_areas a ON a.code = '410182201' AND ST_Intersects(a.geom, r.geom)
            WHERE r.created_at >= '2024-01-01T00:00:00+08:00' AND r.created_at < '2027-01-01T00:00:00+08:00'
            """;
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) " + inPeriod + " AND r.status <> 'withdrawn'"), whole.GetProperty("found").GetInt64());
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) " + inPeriod + " AND r.closed_at IS NOT NULL"), whole.GetProperty("closed").GetInt64());
        Assert.Equal(await db.ScalarAsync<double>("SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.closed_at - r.created_at)) / 3600)::numeric, 2) " + inPeriod + " AND r.closed_at IS NOT NULL"),
            whole.GetProperty("median_hours_to_close").GetDouble(), 2);
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) " + inPeriod + " AND r.status <> 'withdrawn' AND coalesce(r.closed_at, now()) > r.created_at + (SELECT d.days FROM report_deadlines d WHERE d.category = r.category) * interval '1 day'"),
            whole.GetProperty("overdue").GetInt64());
        // The articles' order of magnitude for 高村乡 (9,880 found, 9,765 closed): thousands, nearly all closed.
        Assert.InRange(whole.GetProperty("found").GetInt64(), 5_000, 20_000);

        // Per level-2 grid, the parts add up to the whole.
        Assert.Equal(whole.GetProperty("found").GetInt64(), figures.Skip(1).Sum(f => f.GetProperty("found").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, (await _factory.CreateClient().GetAsync("/figures/reports?area=nowhere")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
