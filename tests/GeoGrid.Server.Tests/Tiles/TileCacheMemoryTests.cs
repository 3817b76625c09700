using GeoGrid.Server.Tiles;

namespace GeoGrid.Server.Tests.Tiles;

/// <summary>The memory tier stays within its byte budget however many tiles pass through it.</summary>
public sealed class TileCacheMemoryTests
{
    [Fact]
    public async Task The_memory_tier_keeps_within_its_byte_budget()
    {
        const long budget = 64 * 1024;
        var cache = new TileCache(capacity: 10_000, maxBytes: budget);
        for (var i = 0; i < 500; i++)
        {
            var tile = await cache.GetOrRenderAsync(new TileKey("geogrid", 14, i, 0, "mvt"), () => Task.FromResult(new byte[4000]));
            Assert.Equal(4000, tile.Body.Length);
            Assert.True(cache.Bytes <= budget, $"{cache.Bytes} bytes held after {i + 1} tiles");
        }

        // Well filled, not emptied: about as many tiles as the budget holds stay cached.
        Assert.InRange(cache.Count, 8, 11);
        var again = await cache.GetOrRenderAsync(new TileKey("geogrid", 14, 499, 0, "mvt"), () => throw new InvalidOperationException("the newest tile should still be cached"));
        Assert.Equal(4000, again.Body.Length);
    }
}
