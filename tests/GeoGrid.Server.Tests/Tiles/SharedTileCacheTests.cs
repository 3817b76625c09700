using System.Net;
using System.Text;
using GeoGrid.Core.Access;
using GeoGrid.Server.Tiles;
using GeoGrid.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GeoGrid.Server.Tests.Tiles;

/// <summary>Two servers over one database: an edit through one drops the tile the other cached, at once
/// (PostgreSQL LISTEN/NOTIFY), not after the other's data-version check.</summary>
[Collection(PostGisCollection.Name)]
public sealed class SharedTileCacheTests(PostGisFixture db)
{
    [Fact]
    public async Task An_edit_through_one_server_drops_the_tile_another_server_cached()
    {
        // The data-version check is an hour away: only the notice can make server B drop its tile.
        var settings = new Dictionary<string, string> { ["GeoGrid:TileCache:VersionCheckSeconds"] = "3600" };
        using var a = new GeoGridFactory(db, settings);
        using var b = new GeoGridFactory(db, settings);
        var inspector = await a.ClientAsync(Role.Inspector);
        var reader = b.CreateClient();
        await b.Services.GetRequiredService<TileInvalidations>().Listening.WaitAsync(TimeSpan.FromSeconds(30));

        // The z15 tile of a point by the Yellow River in 惠济区, cached by B.
        const double lon = 113.6471, lat = 34.9062;
        var (x, y) = TileNumbers.Of(lon, lat, 15);
        var url = $"/tiles/geogrid/15/{x}/{y}.mvt";
        var before = await reader.GetByteArrayAsync(url);
        Assert.Equal(before, await reader.GetByteArrayAsync(url));

        var made = await inspector.PostAsync("/ogc/collections/sites/items", new StringContent(
            "{\"type\":\"Feature\",\"properties\":{\"category\":\"乱堆\",\"description\":\"两台服务器缓存测试\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[113.6471,34.9062]}}",
            Encoding.UTF8, "application/geo+json"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var code = made.Headers.Location!.Segments[^1];

        // Waited for, not timed: the notice arrives within moments; the version check would take an hour.
        byte[] after = before;
        for (var i = 0; i < 100 && after.SequenceEqual(before); i++)
        {
            await Task.Delay(100);
            after = await reader.GetByteArrayAsync(url);
        }

        Assert.NotEqual(before, after);
        Assert.Contains(code, Encoding.UTF8.GetString(after));
        Assert.True(b.Services.GetRequiredService<TileInvalidations>().Received > 0);
    }
}
