using System.Net.Http.Headers;
using System.Net.Http.Json;
using GeoGrid.Storage.Catalog;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Landing;

[Collection(PostGisCollection.Name)]
public sealed class LandingApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    [Fact]
    public async Task The_landing_page_lists_every_demo_layer_with_its_feature_count()
    {
        var html = await _factory.CreateClient().GetStringAsync("/");
        Assert.Contains("<html lang=\"zh-CN\">", html);
        foreach (var group in new[] { "行政区划", "网格", "路长制", "黄河滩区", "四乱", "随手拍" })
        {
            Assert.Contains($"<legend>{group}</legend>", html);
        }

        foreach (var (title, table, where) in new[] { ("三级网格", "grids", "level = 3"), ("随手拍", "reports", "true"), ("四乱点位", "sites", "true"), ("门前四包单位", "duty_units", "true"), ("路长制路段", "road_segments", "true") })
        {
            var count = await db.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {where}");
            Assert.True(count > 0);
            // Each layer in its group's panel: its title, then its count.
            Assert.Matches($"{title} <span class=\"n\">{count:N0}</span>", html);
        }
    }

    [Theory]
    [InlineData("/?f=json", null)]
    [InlineData("/", "application/json")]
    [InlineData("/api/layers", null)]
    public async Task The_layer_list_is_negotiable_as_json(string path, string? accept)
    {
        var client = _factory.CreateClient();
        if (accept is not null)
        {
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        var layers = await client.GetFromJsonAsync<List<LayerCount>>(path) ?? [];
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM reports"), layers.Single(l => l.Id == "reports").Features);
        Assert.Equal(12, layers.Single(l => l.Id == "districts").Features);
        Assert.Equal("districts", layers[0].Id);
        Assert.Equal("reports", layers[^1].Id);
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM grids WHERE level = 3"), layers.Single(l => l.Id == "grids-3").Features);
    }

    public void Dispose() => _factory.Dispose();
}
