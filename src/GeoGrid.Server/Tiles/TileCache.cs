using System.Collections.Concurrent;
using GeoGrid.Storage.Tiles;
using NetTopologySuite.Geometries;

namespace GeoGrid.Server.Tiles;

/// <summary>
/// Rendered tiles (MVT and PNG) in memory, keyed by tileset, z/x/y and format, each with the ETag of
/// its bytes. An edit removes exactly the cached tiles whose area, with the render buffer, touches the
/// edited feature's old or new bounding box, in every tileset that shows the edited layer. A tile
/// whose rendering overlapped an edit is served but not kept, so no stale tile is ever cached.
/// A capacity of 0 turns the cache off (benchmarks measure uncached rendering that way).
/// </summary>
public sealed class TileCache(int capacity = 20_000)
{
    private readonly ConcurrentDictionary<TileKey, CachedTile> _tiles = new();
    private long _generation;

    public int Count => _tiles.Count;

    public async Task<CachedTile> GetOrRenderAsync(TileKey key, Func<Task<byte[]>> render)
    {
        if (_tiles.TryGetValue(key, out var hit))
        {
            return hit;
        }

        var generation = Interlocked.Read(ref _generation);
        var tile = new CachedTile(await render().ConfigureAwait(false));
        if (capacity > 0 && Interlocked.Read(ref _generation) == generation)
        {
            if (_tiles.Count >= capacity)
            {
                // Crude but bounded: drop a tenth of the entries; popular tiles come straight back.
                foreach (var k in _tiles.Keys.Take(capacity / 10))
                {
                    _tiles.TryRemove(k, out _);
                }
            }

            _tiles[key] = tile;
        }

        return tile;
    }

    /// <summary>Removes the tiles an edit of <paramref name="layer"/> within <paramref name="boxes"/>
    /// (EPSG:4490) makes stale; returns how many.</summary>
    public int Invalidate(string layer, IReadOnlyList<Envelope> boxes)
    {
        Interlocked.Increment(ref _generation);
        var removed = 0;
        foreach (var key in _tiles.Keys)
        {
            if ((key.Tileset == TileCatalog.Composite || key.Tileset == layer) && boxes.Any(b => Bounds(key).Intersects(b)) && _tiles.TryRemove(key, out _))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>A tile's longitude/latitude bounds, widened by the render buffer.</summary>
    public static Envelope Bounds(TileKey key)
    {
        var n = 1 << key.Z;
        var buffer = (double)TileQuery.Buffer / TileQuery.Extent;
        double Lon(double x) => x / n * 360 - 180;
        double Lat(double y) => Math.Atan(Math.Sinh(Math.PI * (1 - 2 * y / n))) * 180 / Math.PI;
        return new Envelope(Lon(key.X - buffer), Lon(key.X + 1 + buffer), Lat(key.Y + 1 + buffer), Lat(key.Y - buffer));
    }
}
