using System.Net;
using System.Text.Json;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Features;

/// <summary>
/// What OGC API – Features and RFC 7946 ask of the answers: counterclockwise outer rings, string ids,
/// links on single features, bbox by geometry, HTML on every page that has one, an honest conformance
/// list; and WMS GetFeatureInfo on the composite layer.
/// </summary>
[Collection(PostGisCollection.Name)]
public sealed class OgcOutputTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    private Task<JsonElement> GetJsonAsync(string path) => _factory.GetJsonAsync(path);

    [Theory]
    [InlineData("grids-3")]
    [InlineData("districts")]
    [InlineData("rivers")]
    public async Task Outer_rings_turn_counterclockwise_and_ids_are_strings(string collection)
    {
        var page = await GetJsonAsync($"/ogc/collections/{collection}/items?limit=50");
        var features = page.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        foreach (var f in features)
        {
            Assert.Equal(JsonValueKind.String, f.GetProperty("id").ValueKind);
            var geometry = f.GetProperty("geometry");
            var polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [geometry.GetProperty("coordinates")],
                "MultiPolygon" => geometry.GetProperty("coordinates").EnumerateArray().ToList(),
                _ => new List<JsonElement>(),
            };
            foreach (var polygon in polygons)
            {
                var rings = polygon.EnumerateArray().ToList();
                Assert.True(SignedArea(rings[0]) > 0, $"{collection} {f.GetProperty("id")}: outer ring is clockwise");
                Assert.All(rings.Skip(1), hole => Assert.True(SignedArea(hole) < 0, "a hole turns clockwise"));
            }

            // 7 decimals in degrees: no coordinate carries more.
            Assert.DoesNotMatch(@"\.\d{8,}", geometry.GetRawText());
        }
    }

    [Fact]
    public async Task A_single_feature_links_to_itself_and_to_its_collection()
    {
        var code = await db.ScalarAsync<string>("SELECT code FROM sites ORDER BY id LIMIT 1");
        var feature = await GetJsonAsync($"/ogc/collections/sites/items/{code}");
        var rels = feature.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("rel").GetString()).ToList();
        Assert.Contains("self", rels);
        Assert.Contains("collection", rels);
        Assert.Equal(code, feature.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_bbox_selects_the_features_whose_geometry_meets_it_as_postgis_does()
    {
        // A box in the city where towns' envelopes overlap it far more often than the towns do.
        const string box = "113.60,34.74,113.63,34.76";
        var page = await GetJsonAsync($"/ogc/collections/towns/items?bbox={box}&limit=1000");
        var expected = await db.ScalarAsync<long>("SELECT count(*) FROM admin_areas WHERE level = 'town' AND ST_Intersects(geom, ST_MakeEnvelope(113.60, 34.74, 113.63, 34.76, 4490))");
        var envelopes = await db.ScalarAsync<long>("SELECT count(*) FROM admin_areas WHERE level = 'town' AND geom && ST_MakeEnvelope(113.60, 34.74, 113.63, 34.76, 4490)");
        Assert.Equal(expected, page.GetProperty("numberMatched").GetInt64());
        Assert.True(envelopes >= expected);

        // A box of no width is a line: what it crosses is what it selects.
        var line = await GetJsonAsync("/ogc/collections/towns/items?bbox=113.61,34.70,113.61,34.80&limit=1000");
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM admin_areas WHERE level = 'town' AND ST_Intersects(geom, ST_SetSRID(ST_MakeLine(ST_MakePoint(113.61, 34.70), ST_MakePoint(113.61, 34.80)), 4490))"),
            line.GetProperty("numberMatched").GetInt64());
    }

    [Theory]
    [InlineData("/ogc?f=html")]
    [InlineData("/ogc/conformance?f=html")]
    [InlineData("/ogc/collections?f=html")]
    [InlineData("/ogc/collections/sites?f=html")]
    [InlineData("/ogc/collections/sites/items?f=html&limit=3")]
    public async Task Every_page_answers_html_when_asked(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feature_page_answers_html_when_asked()
    {
        var code = await db.ScalarAsync<string>("SELECT code FROM sites ORDER BY id LIMIT 1");
        var response = await _factory.CreateClient().GetAsync($"/ogc/collections/sites/items/{code}?f=html");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(code, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conformance_declares_part_4_and_only_the_cql2_classes_that_work()
    {
        var classes = (await GetJsonAsync("/ogc/conformance")).GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete", classes);
        Assert.Contains("http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions", classes);
        Assert.Contains("http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions", classes);
        Assert.Contains("http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison", classes);
        Assert.Contains("http://www.opengis.net/spec/cql2/1.0/conf/arithmetic", classes);
        Assert.Contains("http://www.opengis.net/spec/cql2/1.0/conf/array-functions", classes);
        foreach (var missing in new[] { "functions" })
        {
            Assert.DoesNotContain($"http://www.opengis.net/spec/cql2/1.0/conf/{missing}", classes);
        }
    }

    [Fact]
    public async Task Get_feature_info_on_the_composite_layer_answers_every_layer_under_the_pixel_in_json_and_html()
    {
        const string query = "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=geogrid&QUERY_LAYERS=geogrid&STYLES=&CRS=CRS:84&BBOX=113.55,34.70,113.80,34.95&WIDTH=400&HEIGHT=300&I=200&J=150&FEATURE_COUNT=5";
        var json = await GetJsonAsync(query + "&INFO_FORMAT=application/json");
        var ids = json.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        // The pixel's centre lies in one district, one town and one grid of each level at least.
        Assert.True(ids.Count >= 3, string.Join(", ", ids));

        var html = await _factory.CreateClient().GetAsync(query + "&INFO_FORMAT=text/html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<table>", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Twice the signed area of a ring in lon/lat: positive when it turns counterclockwise.</summary>
    private static double SignedArea(JsonElement ring)
    {
        var p = ring.EnumerateArray().Select(c => (X: c[0].GetDouble(), Y: c[1].GetDouble())).ToList();
        return p.Zip(p.Skip(1)).Sum(e => (e.First.X * e.Second.Y) - (e.Second.X * e.First.Y));
    }

    public void Dispose() => _factory.Dispose();
}
