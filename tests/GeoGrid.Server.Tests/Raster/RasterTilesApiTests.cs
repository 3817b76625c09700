using System.Net;
using GeoGrid.Server.Raster;
using GeoGrid.Testing;
using SkiaSharp;

namespace GeoGrid.Server.Tests.Raster;

[Collection(PostGisCollection.Name)]
public sealed class RasterTilesApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    [Theory]
    [InlineData("/tiles/geogrid/12/3338/1624.png", 256)]
    [InlineData("/tiles/geogrid/12/3338/1624@2x.png", 512)]
    public async Task Png_tiles_come_in_256_and_512_pixels_and_show_the_data(string path, int size)
    {
        var response = await _factory.CreateClient().GetAsync(path);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(size, bitmap.Width);
        Assert.Equal(size, bitmap.Height);
        // Grid lines, fills, labels: far more than the background colour.
        Assert.True(Colours(bitmap) > 50);
    }

    [Fact]
    public async Task A_tile_far_from_zhengzhou_is_plain_background()
    {
        using var bitmap = SKBitmap.Decode(await _factory.CreateClient().GetByteArrayAsync("/tiles/geogrid/6/10/20.png"));
        Assert.Equal(1, Colours(bitmap));
    }

    [Fact]
    public void Labels_are_drawn_in_a_cjk_font() => Assert.Contains("CJK", RasterRenderer.LabelFontFamily);

    [Fact]
    public async Task Wmts_gettile_in_kvp_and_rest_return_the_same_png_as_the_xyz_url()
    {
        var client = _factory.CreateClient();
        var xyz = await client.GetByteArrayAsync("/tiles/grids-3/13/6684/3249.png");
        var kvp = await client.GetByteArrayAsync("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=grids-3&STYLE=default&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=13&TILEROW=3249&TILECOL=6684&FORMAT=image/png");
        var rest = await client.GetByteArrayAsync("/wmts/1.0.0/grids-3/default/GoogleMapsCompatible/13/3249/6684.png");
        Assert.Equal(xyz, kvp);
        Assert.Equal(xyz, rest);
    }

    [Fact]
    public async Task A_wmts_request_missing_a_parameter_gets_an_ows_exception_naming_it()
    {
        var response = await _factory.CreateClient().GetAsync("/wmts?service=WMTS&request=GetTile&layer=geogrid&tilematrixset=GoogleMapsCompatible&tilematrix=3&tilerow=1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("exceptionCode=\"MissingParameterValue\"", body);
        Assert.Contains("locator=\"tilecol\"", body);
    }

    private static int Colours(SKBitmap bitmap) => bitmap.Pixels.Distinct().Count();

    public void Dispose() => _factory.Dispose();
}
