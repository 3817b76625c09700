using System.Net;
using System.Text.Json;
using GeoGrid.Server.Tests.Interop;
using GeoGrid.Testing;
using SkiaSharp;

namespace GeoGrid.Server.Tests.Raster;

[Collection(PostGisCollection.Name)]
public sealed class WmsApiTests(PostGisFixture db) : IAsyncLifetime
{
    private readonly LiveServer _server = new(db);
    private readonly HttpClient _client = new();

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("EPSG:4326", "34.70,113.55,34.95,113.80")]
    [InlineData("CRS:84", "113.55,34.70,113.80,34.95")]
    [InlineData("EPSG:3857", "12640000,4123000,12668000,4157000")]
    public async Task Getmap_draws_the_requested_box_and_size(string crs, string bbox)
    {
        var response = await _client.GetAsync($"{_server.Url}/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=geogrid&STYLES=&CRS={crs}&BBOX={bbox}&WIDTH=400&HEIGHT=300&FORMAT=image/png");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((400, 300), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap.Pixels.Distinct().Count() > 50);
    }

    [Fact]
    public async Task Getfeatureinfo_returns_the_grid_under_the_pixel()
    {
        // Pixel (200, 150) of a 400 × 300 map of 113.55–113.80 × 34.70–34.95, give or take three pixels.
        const double x = 113.55 + 200.5 * 0.25 / 400, y = 34.95 - 150.5 * 0.25 / 300, dx = 3 * 0.25 / 400, dy = 3 * 0.25 / 300;
        var json = await _client.GetStringAsync($"{_server.Url}/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=geogrid&QUERY_LAYERS=grids-3&STYLES=&CRS=CRS:84&BBOX=113.55,34.70,113.80,34.95&WIDTH=400&HEIGHT=300&I=200&J=150&INFO_FORMAT=application/json");
        var code = JsonDocument.Parse(json).RootElement.GetProperty("features")[0].GetProperty("id").GetString();
        var expected = await db.ScalarAsync<string>("SELECT code FROM grids WHERE level = 3 AND ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4490)) ORDER BY code LIMIT 1", x - dx, y - dy, x + dx, y + dy);
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("REQUEST=GetMap&LAYERS=nope&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10", "LayerNotDefined")]
    [InlineData("REQUEST=GetMap&LAYERS=geogrid&CRS=EPSG:2000&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10", "InvalidCRS")]
    [InlineData("REQUEST=GetMap&LAYERS=geogrid&CRS=EPSG:3857&BBOX=0,0,1,1&HEIGHT=10", "MissingParameterValue")]
    [InlineData("REQUEST=Paint", "OperationNotSupported")]
    public async Task Bad_requests_get_a_service_exception_with_the_wms_code(string query, string code)
    {
        var response = await _client.GetAsync($"{_server.Url}/wms?SERVICE=WMS&VERSION=1.3.0&{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"code=\"{code}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Gdal_reads_the_capabilities_and_draws_a_layer_through_getmap()
    {
        var info = await ExternalTool.RunAsync("gdalinfo", $"WMS:{_server.Url}/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities");
        Assert.Contains("LAYERS=grids-3", info);
        Assert.Contains("LAYERS=sites", info);

        var output = Path.Combine(Path.GetTempPath(), $"geogrid-wms-{Guid.NewGuid():N}.png");
        try
        {
            await ExternalTool.RunAsync("gdal_translate", "-q", "-outsize", "300", "0", "-of", "PNG",
                $"WMS:{_server.Url}/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=grids-3&CRS=CRS:84&BBOX=113.1,34.8,113.3,34.9", output);
            using var bitmap = SKBitmap.Decode(output);
            Assert.Equal(300, bitmap.Width);
            Assert.True(bitmap.Pixels.Distinct().Count() > 20);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
