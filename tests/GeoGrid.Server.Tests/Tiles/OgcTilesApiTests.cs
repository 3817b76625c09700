using System.Net;
using System.Text.Json;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Tiles;

[Collection(PostGisCollection.Name)]
public sealed class OgcTilesApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    [Fact]
    public async Task The_web_mercator_quad_matrix_set_follows_the_ogc_definition()
    {
        var set = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/ogc/tileMatrixSets/WebMercatorQuad")).RootElement;
        var matrices = set.GetProperty("tileMatrices").EnumerateArray().ToList();
        Assert.Equal(19, matrices.Count);
        Assert.Equal(559082264.0287178, matrices[0].GetProperty("scaleDenominator").GetDouble(), 6);
        Assert.Equal(156543.03392804097, matrices[0].GetProperty("cellSize").GetDouble(), 6);
        Assert.Equal(1L << 18, matrices[18].GetProperty("matrixWidth").GetInt64());
    }

    [Theory]
    [InlineData("/ogc/tiles", "/ogc/tiles/WebMercatorQuad/12/1624/3338", "/tiles/geogrid/12/3338/1624.mvt")]
    [InlineData("/ogc/collections/grids-3/tiles", "/ogc/collections/grids-3/tiles/WebMercatorQuad/12/1624/3338", "/tiles/grids-3/12/3338/1624.mvt")]
    public async Task Tilesets_link_a_template_whose_tiles_are_the_xyz_tiles(string list, string tile, string xyz)
    {
        var client = _factory.CreateClient();
        var tileset = JsonDocument.Parse(await client.GetStringAsync(list)).RootElement.GetProperty("tilesets")[0];
        var template = tileset.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "item").GetProperty("href").GetString()!;
        Assert.EndsWith("/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}", template);
        Assert.Equal(await client.GetByteArrayAsync(xyz), await client.GetByteArrayAsync(tile));
    }

    [Fact]
    public async Task Unknown_matrix_sets_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync("/ogc/tiles/WorldCRS84Quad/1/0/0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync("/ogc/tileMatrixSets/WorldCRS84Quad")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
