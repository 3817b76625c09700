using System.Net;
using System.Text.Json;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Search;

/// <summary>Search by name or code across areas, grids, roads, chiefs, sites and reports; the zh-CN labels.</summary>
[Collection(PostGisCollection.Name)]
public sealed class SearchApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    private async Task<JsonElement> FindAsync(string q)
    {
        var response = await _factory.CreateClient().GetAsync($"/search?q={Uri.EscapeDataString(q)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("places").Clone();
    }

    [Fact]
    public async Task A_town_by_name_comes_first_with_its_extent()
    {
        var places = await FindAsync("高村乡");
        var first = places[0];
        Assert.Equal("area", first.GetProperty("kind").GetString());
        Assert.Equal(await db.ScalarAsync<string>("SELECT code FROM admin_areas WHERE name = '高村乡'"), first.GetProperty("code").GetString());
        var bbox = first.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(await db.ScalarAsync<double>("SELECT ST_XMin(geom) FROM admin_areas WHERE name = '高村乡'"), bbox[0], 6);
        Assert.Equal(await db.ScalarAsync<double>("SELECT ST_YMax(geom) FROM admin_areas WHERE name = '高村乡'"), bbox[3], 6);
        // Its grids follow (their names contain the town's).
        Assert.Contains(places.EnumerateArray(), p => p.GetProperty("kind").GetString() == "grid");
    }

    [Fact]
    public async Task Grids_chiefs_roads_sites_and_reports_are_found_by_code_or_name()
    {
        foreach (var (sql, kind) in new[]
        {
            ("SELECT code FROM grids WHERE level = 3 ORDER BY code LIMIT 1", "grid"),
            ("SELECT name FROM road_chiefs ORDER BY code LIMIT 1", "chief"),
            ("SELECT road_name FROM road_segments ORDER BY code LIMIT 1", "road"),
            ("SELECT code FROM sites ORDER BY code LIMIT 1", "site"),
            ("SELECT code FROM reports ORDER BY code LIMIT 1", "report"),
        })
        {
            var text = await db.ScalarAsync<string>(sql);
            var places = await FindAsync(text);
            Assert.True(places.EnumerateArray().Any(p => p.GetProperty("kind").GetString() == kind && (p.GetProperty("code").GetString() == text || p.GetProperty("name").GetString() == text)), $"{kind} '{text}' not found");
        }
    }

    [Fact]
    public async Task Wildcards_are_letters_and_bad_queries_are_refused_by_name()
    {
        Assert.Equal(0, (await FindAsync("%")).GetArrayLength());
        Assert.Equal(0, (await FindAsync("_")).GetArrayLength());
        foreach (var q in new[] { "", "   ", new string('村', 101) })
        {
            var response = await _factory.CreateClient().GetAsync($"/search?q={Uri.EscapeDataString(q)}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("q", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await _factory.CreateClient().GetAsync("/search?q=村&limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _factory.CreateClient().GetAsync("/search")).StatusCode);
    }

    [Fact]
    public async Task Labels_give_every_status_and_category_in_chinese()
    {
        using var labels = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/labels"));
        Assert.Equal("发现", labels.RootElement.GetProperty("site_status").GetProperty("found").GetString());
        Assert.Equal("已办结", labels.RootElement.GetProperty("report_status").GetProperty("closed").GetString());
        Assert.Equal("网格员", labels.RootElement.GetProperty("worker_role").GetProperty("grid_worker").GetString());
        // Every status the database knows has a label.
        var statuses = await db.ScalarAsync<string[]>("SELECT array_agg(e::text) FROM unnest(enum_range(NULL::site_status)) e");
        Assert.All(statuses, s => Assert.True(labels.RootElement.GetProperty("site_status").TryGetProperty(s, out _), s));
    }

    public void Dispose() => _factory.Dispose();
}
