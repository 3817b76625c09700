using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GeoGrid.Core.Access;
using GeoGrid.Server.Tiles;
using GeoGrid.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GeoGrid.Server.Tests.Features;

[Collection(PostGisCollection.Name)]
public sealed class FeatureEditsApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    private static StringContent Site(double lon, double lat, string category = "乱堆", string description = "测试堆放") =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $$$"""{"type":"Feature","properties":{"category":"{{{category}}}","description":"{{{description}}}"},"geometry":{"type":"Point","coordinates":[{{{lon}}},{{{lat}}}]}}"""), Encoding.UTF8, "application/geo+json");

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string path, string etag, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return request;
    }

    [Fact]
    public async Task A_citizen_report_is_created_and_routed_to_the_grid_that_contains_it()
    {
        var client = _factory.CreateClient();
        const string report = """{"type":"Feature","properties":{"category":"环境卫生","text":"路边垃圾堆积"},"geometry":{"type":"Point","coordinates":[113.185,34.86]}}""";
        var created = await client.PostAsync("/ogc/collections/reports/items", new StringContent(report, Encoding.UTF8, "application/geo+json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = created.Headers.Location!.PathAndQuery.Split('/')[^1];
        var expectedGrid = await db.ScalarAsync<string>("SELECT code FROM grids WHERE level = 3 AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint(113.185, 34.86), 4490)) ORDER BY id LIMIT 1");
        Assert.Equal(expectedGrid, await db.ScalarAsync<string>("SELECT g.code FROM reports r JOIN grids g ON g.id = r.grid_id WHERE r.code = $1", code));
        Assert.Equal("sanitation", await db.ScalarAsync<string>("SELECT category::text FROM reports WHERE code = $1", code));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(created.Headers.Location)).StatusCode);

        // Reports are created, not replaced through the API; grids are not created through it at all.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.SendAsync(WithIfMatch(HttpMethod.Put, created.Headers.Location!.PathAndQuery, "\"1\"", new StringContent(report, Encoding.UTF8, "application/geo+json")))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsync("/ogc/collections/grids-3/items", new StringContent(report, Encoding.UTF8, "application/geo+json"))).StatusCode);
    }

    [Fact]
    public async Task A_grid_worker_moves_a_report_on_by_patch_from_the_version_read()
    {
        var client = await _factory.ClientAsync(Role.GridWorker);
        var code = await db.ScalarAsync<string>("SELECT code FROM reports WHERE status = 'routed' ORDER BY id LIMIT 1");
        var path = $"/ogc/collections/reports/items/{code}";
        var read = await client.GetAsync(path);
        var etag = read.Headers.ETag!.Tag;
        var events = await db.ScalarAsync<long>("SELECT count(*) FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.code = $1", code);
        StringContent Patch(string json) => new(json, Encoding.UTF8, "application/merge-patch+json");

        var moved = await client.SendAsync(WithIfMatch(HttpMethod.Patch, path, etag, Patch("""{"properties":{"status":"处置中"}}""")));
        Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);
        Assert.Equal("in_progress", await db.ScalarAsync<string>("SELECT status::text FROM reports WHERE code = $1", code));
        Assert.Equal(events + 1, await db.ScalarAsync<long>("SELECT count(*) FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.code = $1", code));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(WithIfMatch(HttpMethod.Patch, path, etag, Patch("""{"properties":{"status":"closed"}}""")))).StatusCode);

        // A report stays where it was made.
        var moveIt = await client.SendAsync(WithIfMatch(HttpMethod.Patch, path, moved.Headers.ETag!.Tag, Patch("""{"geometry":{"type":"Point","coordinates":[113.6,34.8]}}""")));
        Assert.Equal(HttpStatusCode.BadRequest, moveIt.StatusCode);
        Assert.Contains("\"parameter\":\"geometry\"", await moveIt.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_patch_changes_only_what_it_names_and_records_a_status_change_as_an_event()
    {
        var client = await _factory.ClientAsync(Role.Inspector);
        var created = await client.PostAsync("/ogc/collections/sites/items", Site(113.635, 34.895, description: "河滩堆土"));
        var path = created.Headers.Location!.PathAndQuery;
        var code = path.Split('/')[^1];
        StringContent Patch(string json) => new(json, Encoding.UTF8, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await client.PatchAsync(path, Patch("""{"properties":{"status":"verified"}}"""))).StatusCode);
        var events = await db.ScalarAsync<long>("SELECT count(*) FROM site_events e JOIN sites s ON s.id = e.site_id WHERE s.code = $1", code);

        var verified = await client.SendAsync(WithIfMatch(HttpMethod.Patch, path, "\"1\"", Patch("""{"properties":{"status":"核实"}}""")));
        Assert.Equal(HttpStatusCode.NoContent, verified.StatusCode);
        Assert.Equal("\"2\"", verified.Headers.ETag!.Tag);
        Assert.Equal("verified", await db.ScalarAsync<string>("SELECT status::text FROM sites WHERE code = $1", code));
        Assert.Equal("河滩堆土", await db.ScalarAsync<string>("SELECT description FROM sites WHERE code = $1", code));
        Assert.Equal(events + 1, await db.ScalarAsync<long>("SELECT count(*) FROM site_events e JOIN sites s ON s.id = e.site_id WHERE s.code = $1", code));

        // A description alone changes the description, not the lifecycle; the old version is stale now.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(WithIfMatch(HttpMethod.Patch, path, "\"1\"", Patch("""{"properties":{"description":"x"}}""")))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(WithIfMatch(HttpMethod.Patch, path, "\"2\"", Patch("""{"properties":{"description":"已清运"}}""")))).StatusCode);
        Assert.Equal("已清运", await db.ScalarAsync<string>("SELECT description FROM sites WHERE code = $1", code));
        Assert.Equal(events + 1, await db.ScalarAsync<long>("SELECT count(*) FROM site_events e JOIN sites s ON s.id = e.site_id WHERE s.code = $1", code));

        // The status it has already, by key or by its zh-CN label, and the description it has: nothing
        // is written — no version, no event, no audit row.
        var audits = await db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'sites' AND entity_id = $1", code);
        foreach (var same in new[] { """{"properties":{"status":"verified"}}""", """{"properties":{"status":"核实","description":"已清运"}}""" })
        {
            var unchanged = await client.SendAsync(WithIfMatch(HttpMethod.Patch, path, "\"3\"", Patch(same)));
            Assert.Equal(HttpStatusCode.NoContent, unchanged.StatusCode);
            Assert.Equal("\"3\"", unchanged.Headers.ETag!.Tag);
        }

        Assert.Equal(3, await db.ScalarAsync<int>("SELECT version FROM sites WHERE code = $1", code));
        Assert.Equal(events + 1, await db.ScalarAsync<long>("SELECT count(*) FROM site_events e JOIN sites s ON s.id = e.site_id WHERE s.code = $1", code));
        Assert.Equal(audits, await db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'sites' AND entity_id = $1", code));

        // A bad category is refused by name, and nothing changes.
        var refused = await client.SendAsync(WithIfMatch(HttpMethod.Patch, path, "\"3\"", Patch("""{"properties":{"category":"乱画"}}""")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("category", await refused.Content.ReadAsStringAsync());
        Assert.Equal(3, await db.ScalarAsync<int>("SELECT version FROM sites WHERE code = $1", code));
    }

    [Fact]
    public async Task A_site_is_created_replaced_and_deleted_only_from_its_current_version()
    {
        var client = await _factory.ClientAsync(Role.Admin);
        var created = await client.PostAsync("/ogc/collections/sites/items", Site(113.63, 34.89));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        var path = created.Headers.Location!.PathAndQuery;
        var code = path.Split('/')[^1];
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM sites WHERE code = $1 AND category = 'dumping' AND zone_id IS NOT NULL", code));

        var read = await client.GetAsync(path);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await client.PutAsync(path, Site(113.64, 34.89))).StatusCode);
        var replaced = await client.SendAsync(WithIfMatch(HttpMethod.Put, path, "\"1\"", Site(113.64, 34.89, "乱建", "违建改为板房")));
        Assert.Equal(HttpStatusCode.NoContent, replaced.StatusCode);
        Assert.Equal("\"2\"", replaced.Headers.ETag!.Tag);
        Assert.Equal("building", await db.ScalarAsync<string>("SELECT category::text FROM sites WHERE code = $1", code));

        var stale = await client.SendAsync(WithIfMatch(HttpMethod.Put, path, "\"1\"", Site(113.65, 34.89)));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(WithIfMatch(HttpMethod.Delete, path, "\"1\""))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(WithIfMatch(HttpMethod.Delete, path, "\"2\""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(3, await db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'sites' AND entity_id = $1", code));
    }

    [Fact]
    public async Task An_invalid_feature_is_refused_with_every_reason_and_nothing_is_written()
    {
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM sites");
        var body = new StringContent("""{"type":"Feature","properties":{"category":"乱画"},"geometry":{"type":"Polygon","coordinates":[[[113.6,34.9],[113.7,34.95],[113.7,34.9],[113.6,34.95],[113.6,34.9]]]}}""", Encoding.UTF8, "application/geo+json");
        var response = await (await _factory.ClientAsync(Role.Inspector)).PostAsync("/ogc/collections/sites/items", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("geometry", errors);
        Assert.Contains("category", errors);
        Assert.Contains("description", errors);
        Assert.Equal(before, await db.ScalarAsync<long>("SELECT count(*) FROM sites"));
    }

    [Fact]
    public async Task Other_collections_are_read_only()
    {
        var response = await _factory.CreateClient().PostAsync("/ogc/collections/districts/items", Site(113.63, 34.89));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task An_edit_empties_exactly_the_cached_tiles_it_touches()
    {
        var client = await _factory.ClientAsync(Role.Admin);
        var cache = _factory.Services.GetRequiredService<TileCache>();
        // z14 tile over 113.63,34.89 (惠济区 floodplain) and one over 高村乡, far away.
        const string near = "/tiles/geogrid/14/13363/6495.mvt";
        const string far = "/tiles/geogrid/14/13342/6497.mvt";
        var nearBefore = (await client.GetAsync(near)).Headers.ETag!.Tag;
        var farBefore = (await client.GetAsync(far)).Headers.ETag!.Tag;
        await client.GetAsync("/tiles/sites/14/13363/6495.mvt");
        await client.GetAsync("/tiles/districts/14/13363/6495.mvt");
        var cached = cache.Count;

        var created = await client.PostAsync("/ogc/collections/sites/items", Site(113.6335, 34.8905));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // The composite and the sites tile over the new site go; the far tile and the districts tile stay.
        Assert.Equal(cached - 2, cache.Count);

        var nearAfter = await client.GetAsync(near);
        Assert.NotEqual(nearBefore, nearAfter.Headers.ETag!.Tag);
        using (var again = new HttpRequestMessage(HttpMethod.Get, far))
        {
            again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(farBefore));
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        }

        var path = created.Headers.Location!.PathAndQuery;
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(WithIfMatch(HttpMethod.Delete, path, "\"1\""))).StatusCode);
        Assert.Equal(nearBefore, (await client.GetAsync(near)).Headers.ETag!.Tag);
    }

    public void Dispose() => _factory.Dispose();
}
