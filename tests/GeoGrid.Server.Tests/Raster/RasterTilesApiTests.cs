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

    /// <summary>
    /// A layer's own tiles stack over another map: transparent where the layer has nothing, opaque where
    /// it draws (a client putting sites over a base map sees both); the composite keeps its land colour.
    /// </summary>
    [Fact]
    public async Task Per_layer_tiles_are_transparent_where_the_layer_draws_nothing_and_the_composite_is_opaque()
    {
        var client = _factory.CreateClient();
        using var grids = SKBitmap.Decode(await client.GetByteArrayAsync("/tiles/grids-2/12/3338/1624.png"));
        var alphas = grids.Pixels.Select(p => p.Alpha).ToList();
        Assert.True(alphas.Count(a => a == 0) > alphas.Count / 2, "most of a grid-line tile is not transparent");
        Assert.Contains(alphas, a => a > 0);
        using var composite = SKBitmap.Decode(await client.GetByteArrayAsync("/tiles/geogrid/12/3338/1624.png"));
        Assert.All(composite.Pixels, p => Assert.Equal(255, p.Alpha));
        using var wmts = SKBitmap.Decode(await client.GetByteArrayAsync("/wmts/1.0.0/sites/default/GoogleMapsCompatible/12/1624/3338.png"));
        Assert.Contains(wmts.Pixels, p => p.Alpha == 0);
    }

    [Fact]
    public void Labels_are_drawn_in_a_cjk_font() => Assert.Contains("CJK", GeoGrid.Server.Glyphs.LabelFont.FamilyName);

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
