using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using GeoGrid.Server.Tests.Interop;
using GeoGrid.Storage.Tiles;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Tiles;

[Collection(PostGisCollection.Name)]
public sealed partial class TilesApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);
    private readonly string _folder = Directory.CreateTempSubdirectory("geogrid-tiles-").FullName;

    [Fact]
    public async Task Every_tileset_has_tilejson_3_with_its_vector_layers()
    {
        var client = _factory.CreateClient();
        foreach (var tileset in TileCatalog.Tilesets)
        {
            var json = JsonDocument.Parse(await client.GetStringAsync($"/tiles/{tileset}.json")).RootElement;
            Assert.Equal("3.0.0", json.GetProperty("tilejson").GetString());
            Assert.EndsWith($"/tiles/{tileset}/{{z}}/{{x}}/{{y}}.mvt", json.GetProperty("tiles")[0].GetString());
            var layers = json.GetProperty("vector_layers").EnumerateArray().ToList();
            Assert.Equal(TileCatalog.Find(tileset)!.Select(l => l.Id), layers.Select(l => l.GetProperty("id").GetString()));
            Assert.All(layers, l => Assert.Equal(JsonValueKind.Object, l.GetProperty("fields").ValueKind));
        }
    }

    [Fact]
    public async Task Vector_tiles_and_json_go_gzipped_to_clients_that_accept_it()
    {
        var client = _factory.CreateClient();
        var plain = await client.GetAsync("/tiles/geogrid/12/3338/1624.mvt");
        var request = new HttpRequestMessage(HttpMethod.Get, "/tiles/geogrid/12/3338/1624.mvt");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var zipped = await client.SendAsync(request);

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], zipped.Content.Headers.ContentEncoding);
        Assert.NotEqual(plain.Headers.ETag, zipped.Headers.ETag);
        var body = await zipped.Content.ReadAsByteArrayAsync();
        using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress);
        var inflated = new MemoryStream();
        await unzip.CopyToAsync(inflated);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), inflated.ToArray());
        Assert.True(body.Length < inflated.Length / 2, $"{body.Length} gzipped vs {inflated.Length}");

        var json = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections/grids-3/items?limit=200");
        json.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        Assert.Equal(["gzip"], (await client.SendAsync(json)).Content.Headers.ContentEncoding);
    }

    // A z12 tile in 荥阳市 (grids, roads) and a z14 tile in 高村乡 (reports).
    [Theory]
    [InlineData(12, 3338, 1624, "grids-3", "grids WHERE level = 3")]
    [InlineData(12, 3338, 1624, "road-segments", "road_segments WHERE true")]
    [InlineData(14, 13342, 6497, "reports", "reports WHERE true")]
    public async Task A_tile_holds_every_feature_postgis_finds_in_it_as_gdal_decodes_it(int z, int x, int y, string layer, string tableWhere)
    {
        var bytes = await _factory.CreateClient().GetByteArrayAsync($"/tiles/geogrid/{z}/{x}/{y}.mvt");
        // GDAL's MVT driver georeferences a tile from a z/x/y path.
        var path = Path.Combine(_folder, $"{z}", $"{x}", $"{y}.pbf");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
        var info = await ExternalTool.RunAsync("ogrinfo", "-ro", "-so", "-oo", "CLIP=NO", path, layer);
        var decoded = long.Parse(FeatureCount().Match(info).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var expected = await db.ScalarAsync<long>($"SELECT count(*) FROM {tableWhere} AND ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3, margin => {(double)TileQuery.Buffer / TileQuery.Extent}))", z, x, y);
        Assert.True(expected > 0, "the tile should not be empty");
        Assert.Equal(expected, decoded);
    }

    [Fact]
    public async Task No_composite_tile_over_zhengzhou_exceeds_500_kb_at_the_low_zooms()
    {
        // The heavy tiles are the low zooms, where whole districts and thousands of grids meet.
        var client = _factory.CreateClient();
        var largest = 0;
        for (var z = 6; z <= 11; z++)
        {
            var (x0, y0) = Tile(112.7, 35.0, z);
            var (x1, y1) = Tile(114.25, 34.25, z);
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    largest = Math.Max(largest, (await client.GetByteArrayAsync($"/tiles/geogrid/{z}/{x}/{y}.mvt")).Length);
                }
            }
        }

        Assert.InRange(largest, 1, 500 * 1024);
    }

    private static (int X, int Y) Tile(double lon, double lat, int z) => TileNumbers.Of(lon, lat, z);

    [Fact]
    public async Task A_tile_answers_304_when_its_etag_still_matches()
    {
        var client = _factory.CreateClient();
        var first = await client.GetAsync("/tiles/geogrid/10/834/406.mvt");
        Assert.Equal("application/vnd.mapbox-vector-tile", first.Content.Headers.ContentType?.MediaType);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/tiles/geogrid/10/834/406.mvt");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Theory]
    [InlineData("/tiles/geogrid/19/0/0.mvt", "z")]
    [InlineData("/tiles/geogrid/3/8/0.mvt", "x")]
    [InlineData("/tiles/geogrid/3/0/8.mvt", "y")]
    public async Task Tiles_outside_the_pyramid_get_a_problem_naming_the_coordinate(string path, string parameter)
    {
        var response = await _factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Unknown_tilesets_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync("/tiles/nope/1/0/0.mvt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync("/tiles/nope.json")).StatusCode);
    }

    [Fact]
    public async Task The_style_passes_the_maplibre_style_spec_validator()
    {
        var path = Path.Combine(_folder, "style.json");
        await File.WriteAllTextAsync(path, await _factory.CreateClient().GetStringAsync("/styles/geogrid.json"));
        var validator = Path.Combine(RepoPaths.Root, "src", "viewer", "node_modules", ".bin", "gl-style-validate");
        Assert.True(File.Exists(validator), "npm packages of src/viewer missing: ./geogrid test installs them");
        var output = await ExternalTool.RunAsync(validator, path);
        Assert.Equal(string.Empty, output.Trim());
    }

    [GeneratedRegex(@"Feature Count: (\d+)")]
    private static partial Regex FeatureCount();

    public void Dispose()
    {
        _factory.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
