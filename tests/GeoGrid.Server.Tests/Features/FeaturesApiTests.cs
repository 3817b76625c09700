using System.Net;
using System.Text.Json;
using GeoGrid.Storage.Collections;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Features;

[Collection(PostGisCollection.Name)]
public sealed class FeaturesApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    private Task<JsonElement> GetJsonAsync(string path) => _factory.GetJsonAsync(path);

    [Fact]
    public async Task Every_catalog_collection_is_listed_with_its_extent()
    {
        var root = await GetJsonAsync("/ogc/collections");
        var ids = root.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(CollectionCatalog.All.Select(c => c.Id), ids);
        var districts = root.GetProperty("collections").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "districts");
        var bbox = districts.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0].EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.InRange(bbox[0], 112.6, 112.8);
        Assert.InRange(bbox[3], 34.9, 35.1);
    }

    [Fact]
    public async Task Paging_walks_every_feature_exactly_once_with_exact_counts()
    {
        var matched = await db.ScalarAsync<long>("SELECT count(*) FROM sites");
        var seen = new List<string>();
        string? next = "/ogc/collections/sites/items?limit=37";
        while (next is not null)
        {
            var page = await GetJsonAsync(next);
            Assert.Equal(matched, page.GetProperty("numberMatched").GetInt64());
            var features = page.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(features.Count, page.GetProperty("numberReturned").GetInt32());
            seen.AddRange(features.Select(f => f.GetProperty("id").GetString()!));
            next = page.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
        }

        Assert.Equal(matched, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Bbox_selects_what_postgis_selects()
    {
        var page = await GetJsonAsync("/ogc/collections/reports/items?bbox=113.60,34.70,113.70,34.80&limit=10000");
        var expected = await db.ScalarAsync<long>("SELECT count(*) FROM reports WHERE geom && ST_MakeEnvelope(113.60, 34.70, 113.70, 34.80, 4490)");
        Assert.True(expected > 0);
        Assert.Equal(expected, page.GetProperty("numberMatched").GetInt64());
        Assert.Equal(expected, page.GetProperty("numberReturned").GetInt64());
    }

    [Fact]
    public async Task Crs_4547_returns_gauss_kruger_metres_and_says_so()
    {
        var response = await _factory.CreateClient().GetAsync("/ogc/collections/sites/items/SL-0001?crs=http://www.opengis.net/def/crs/EPSG/0/4547");
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/4547>", response.Headers.GetValues("Content-Crs").Single());
        var feature = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var x = await db.ScalarAsync<double>("SELECT ST_X(ST_Transform(ST_PointOnSurface(geom), 4547)) FROM sites WHERE code = 'SL-0001'");
        Assert.Equal("SL-0001", feature.GetProperty("id").GetString());
        Assert.InRange(x, 380_000, 520_000);
    }

    [Fact]
    public async Task Epsg_4326_by_uri_puts_latitude_first_and_crs84_longitude_first()
    {
        var crs84 = await GetJsonAsync("/ogc/collections/duty-units/items?limit=1");
        var epsg = await GetJsonAsync("/ogc/collections/duty-units/items?limit=1&crs=http://www.opengis.net/def/crs/EPSG/0/4326");
        var a = crs84.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates");
        var b = epsg.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates");
        Assert.InRange(a[0].GetDouble(), 112, 115);
        Assert.Equal(a[0].GetDouble(), b[1].GetDouble(), 1e-9);
        Assert.Equal(a[1].GetDouble(), b[0].GetDouble(), 1e-9);
    }

    [Fact]
    public async Task Property_filters_sortby_and_properties_select_order_and_trim_features()
    {
        var page = await GetJsonAsync("/ogc/collections/reports/items?status=submitted&sortby=-created_at&properties=code,created_at&limit=10000");
        var expected = await db.ScalarAsync<long>("SELECT count(*) FROM reports WHERE status = 'submitted'");
        Assert.True(expected > 0);
        Assert.Equal(expected, page.GetProperty("numberMatched").GetInt64());
        var features = page.GetProperty("features").EnumerateArray().ToList();
        var times = features.Select(f => DateTimeOffset.Parse(f.GetProperty("properties").GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.All(features, f => Assert.Equal(["code", "created_at"], f.GetProperty("properties").EnumerateObject().Select(p => p.Name)));
    }

    // Each CQL2 filter against the same question asked of PostGIS directly.
    [Theory]
    [InlineData("reports", "status = 'closed' AND category IN ('safety','dispute')", "status = 'closed' AND category IN ('safety','dispute')")]
    [InlineData("reports", "S_DWITHIN(geometry, POINT(113.65 34.76), 1500)", "ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(113.65, 34.76), 4490)::geography, 1500)")]
    [InlineData("reports", "T_INTERSECTS(created_at, INTERVAL('2025-01-01T00:00:00Z','2025-03-31T23:59:59Z')) AND NOT status = 'closed'", "created_at BETWEEN '2025-01-01T00:00:00Z' AND '2025-03-31T23:59:59Z' AND status <> 'closed'")]
    [InlineData("reports", "T_BEFORE(created_at, TIMESTAMP('2024-02-01T00:00:00Z'))", "created_at < '2024-02-01T00:00:00Z'")]
    [InlineData("reports", "text LIKE '%路灯%'", "text LIKE '%路灯%'")]
    [InlineData("grids-3", "households BETWEEN 500 AND 600", "level = 3 AND households BETWEEN 500 AND 600")]
    [InlineData("sites", "S_WITHIN(geometry, BBOX(113.5, 34.8, 113.8, 35.0)) AND category <> 'mining'", "ST_Within(geom, ST_MakeEnvelope(113.5, 34.8, 113.8, 35.0, 4490)) AND category <> 'mining'")]
    [InlineData("road-segments", "chief IS NULL", "chief_id IS NULL")]
    public async Task Cql2_filters_select_what_postgis_selects(string collection, string filter, string where)
    {
        var page = await GetJsonAsync($"/ogc/collections/{collection}/items?limit=1&filter={Uri.EscapeDataString(filter)}");
        var table = CollectionCatalog.Find(collection)!.Table;
        var expected = await db.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {where}");
        Assert.True(expected > 0, "the case should select something");
        Assert.Equal(expected, page.GetProperty("numberMatched").GetInt64());
    }

    [Fact]
    public async Task Cql2_json_filters_work_through_filter_lang()
    {
        var json = """{"op":"and","args":[{"op":"=","args":[{"property":"category"},"dumping"]},{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[113.5,34.8],[113.8,34.8],[113.8,35],[113.5,35],[113.5,34.8]]]}]}]}""";
        var page = await GetJsonAsync($"/ogc/collections/sites/items?filter-lang=cql2-json&filter={Uri.EscapeDataString(json)}");
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM sites WHERE category = 'dumping' AND ST_Intersects(geom, ST_MakeEnvelope(113.5, 34.8, 113.8, 35, 4490))"), page.GetProperty("numberMatched").GetInt64());
    }

    [Fact]
    public async Task Queryables_list_every_filterable_property()
    {
        var response = await _factory.CreateClient().GetAsync("/ogc/collections/sites/queryables");
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        var properties = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("properties");
        Assert.Equal("date-time", properties.GetProperty("found_at").GetProperty("format").GetString());
        Assert.Equal("number", properties.GetProperty("area_m2").GetProperty("type").GetString());
        Assert.True(properties.TryGetProperty("geometry", out _));
    }

    [Theory]
    [InlineData("/ogc/collections/sites/items?filter=colour%3D'red'", "filter")]
    [InlineData("/ogc/collections/sites/items?filter=status%3D'x'&filter-lang=sql", "filter-lang")]
    [InlineData("/ogc/collections/sites/items?colour=red", "colour")]
    [InlineData("/ogc/collections/sites/items?sortby=colour", "sortby")]
    [InlineData("/ogc/collections/sites/items?properties=code,colour", "properties")]
    [InlineData("/ogc/collections/sites/items?limit=0", "limit")]
    [InlineData("/ogc/collections/sites/items?bbox=1,2,3", "bbox")]
    [InlineData("/ogc/collections/sites/items?crs=EPSG:2000", "crs")]
    [InlineData("/ogc/collections/districts/items?datetime=2025-01-01T00:00:00Z", "datetime")]
    [InlineData("/ogc/collections/sites/items?datetime=yesterday", "datetime")]
    public async Task Bad_parameters_get_a_problem_naming_the_parameter(string path, string parameter)
    {
        var response = await _factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task People_get_html_pages_and_programs_json()
    {
        var client = _factory.CreateClient();
        var html = await client.GetStringAsync("/ogc/collections/sites/items?f=html&limit=5&offset=5");
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(html, "<tr><td><a href=\"/ogc/collections/sites/items/").Count);
        Assert.Contains("rel=\"next\"", html);
        Assert.Contains("rel=\"prev\"", html);

        using var browser = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections");
        browser.Headers.Add("Accept", "text/html,application/xhtml+xml");
        var page = await client.SendAsync(browser);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", (await client.GetAsync("/ogc/collections")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_collections_and_features_are_404_problems()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ogc/collections/nope/items")).StatusCode);
        var missing = await client.GetAsync("/ogc/collections/sites/items/SL-9999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _factory.Dispose();
}
