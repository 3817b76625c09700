using GeoGrid.Server.Tiles;
using NetTopologySuite.Geometries;

namespace GeoGrid.Server.Tests.Tiles;

/// <summary>The tile cache's disk tier: kept across restarts on the same data, dropped when the data
/// version moved, and edited exactly like the memory tier.</summary>
public sealed class TileCacheDiskTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "geogrid-tilecache-" + Guid.NewGuid().ToString("N")[..8]);
    private long _version = 7;
    private int _renders;

    private TileCache NewCache() => new(capacity: 100, _folder, _ => Task.FromResult(_version));

    private Task<byte[]> Render()
    {
        Interlocked.Increment(ref _renders);
        return Task.FromResult(Enumerable.Range(0, 300).Select(i => (byte)(i + _renders)).ToArray());
    }

    // 高村乡 at z12, and a tile far east of it.
    private static readonly TileKey Near = new("sites", 12, 3335, 1624, "mvt");
    private static readonly TileKey Far = new("sites", 12, 3360, 1624, "mvt");

    [Fact]
    public async Task A_restart_on_the_same_data_serves_tiles_from_disk_without_rendering()
    {
        var first = await NewCache().GetOrRenderAsync(Near, Render);
        Assert.Equal(1, _renders);

        var restarted = NewCache();
        var again = await restarted.GetOrRenderAsync(Near, Render);
        Assert.Equal(1, _renders);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(1, restarted.OnDisk);
    }

    [Fact]
    public async Task Idle_tiles_leave_memory_and_come_back_from_disk_without_rendering()
    {
        var cache = NewCache();
        var near = await cache.GetOrRenderAsync(Near, Render);
        await cache.GetOrRenderAsync(Far, Render);
        Assert.Equal(2, cache.Count);

        // Both were asked for just now: with an idle time of an hour neither is idle yet.
        Assert.Equal(0, cache.TrimIdle(TimeSpan.FromHours(1)));
        Assert.Equal(2, cache.Count);

        var freed = cache.TrimIdle(TimeSpan.Zero);
        Assert.True(freed > 600, $"freed {freed} bytes");
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
        var again = await cache.GetOrRenderAsync(Near, Render);
        Assert.Equal(2, _renders);
        Assert.Equal(near.Body, again.Body);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Without_a_disk_tier_nothing_is_trimmed_because_it_would_have_to_be_drawn_again()
    {
        var cache = new TileCache(capacity: 100);
        await cache.GetOrRenderAsync(Near, Render);
        Assert.Equal(0, cache.TrimIdle(TimeSpan.Zero));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_restart_after_the_data_changed_renders_afresh()
    {
        await NewCache().GetOrRenderAsync(Near, Render);
        _version++;
        var restarted = NewCache();
        await restarted.GetOrRenderAsync(Near, Render);
        Assert.Equal(2, _renders);
    }

    [Fact]
    public async Task An_edit_removes_exactly_the_touched_tiles_from_disk()
    {
        var cache = NewCache();
        await cache.GetOrRenderAsync(Near, Render);
        await cache.GetOrRenderAsync(Far, Render);
        Assert.Equal(2, cache.OnDisk);

        // An edited site at 113.20°E 34.85°N lies in the near tile only.
        cache.Invalidate("sites", [new Envelope(113.20, 113.2001, 34.85, 34.8501)]);
        _version++;
        await cache.AcknowledgeAsync(_version);
        Assert.Equal(1, cache.OnDisk);

        var restarted = NewCache();
        await restarted.GetOrRenderAsync(Far, Render);
        Assert.Equal(2, _renders);
        await restarted.GetOrRenderAsync(Near, Render);
        Assert.Equal(3, _renders);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
