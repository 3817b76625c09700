using System.Collections.Concurrent;
using GeoGrid.Storage.Tiles;
using NetTopologySuite.Geometries;

namespace GeoGrid.Server.Tiles;

/// <summary>
/// Rendered tiles (MVT and PNG), keyed by tileset, z/x/y and format, each with the ETag of its bytes:
/// in memory (bounded) and, when a folder is given, on disk as well (unbounded, kept across restarts).
/// An edit removes exactly the cached tiles whose area, with the render buffer, touches the edited
/// feature's old or new bounding box, in every tileset that shows the edited layer, from both tiers.
/// A tile whose rendering overlapped an edit is served but not kept, so no stale tile is ever cached.
/// Changes made outside the server (an import) move the data version, which the cache reads at most
/// every two seconds: then it starts afresh. The memory tier is bounded by count and by bytes
/// (GeoGrid:TileCache:MaxMegabytes, 256 by default), and with a disk tier gives up tiles left idle
/// (<see cref="TrimIdle"/>). A capacity of 0 turns the cache off.
/// </summary>
public sealed class TileCache
{
    private readonly long _versionCheckMilliseconds;

    private readonly ConcurrentDictionary<TileKey, CachedTile> _tiles = new();
    private readonly ConcurrentDictionary<TileKey, byte> _onDisk = new();
    /// <summary>The memory tier's default budget: the tiles of a busy city day, far below the machine.</summary>
    public const long DefaultMaxBytes = 256L << 20;

    private readonly int _capacity;
    private readonly long _maxBytes;
    private long _bytes;
    private readonly string? _folder;
    private readonly Func<CancellationToken, Task<long>>? _dataVersion;
    private readonly SemaphoreSlim _versionGate = new(1, 1);
    private long _generation;
    private long _version = -1;
    private long _versionCheckedAt = long.MinValue / 2;

    /// <param name="versionCheck">How often the data version is read (default 2 s): the edits no server
    /// announced (imports, psql, a lost notice) reach the cache within it.</param>
    public TileCache(int capacity = 20_000, string? folder = null, Func<CancellationToken, Task<long>>? dataVersion = null, long maxBytes = DefaultMaxBytes, TimeSpan? versionCheck = null)
    {
        _versionCheckMilliseconds = (long)(versionCheck ?? TimeSpan.FromSeconds(2)).TotalMilliseconds;
        _capacity = capacity;
        _maxBytes = maxBytes;
        _folder = capacity > 0 ? folder : null;
        _dataVersion = dataVersion;
    }

    public int Count => _tiles.Count;

    public int OnDisk => _onDisk.Count;

    public async Task<CachedTile> GetOrRenderAsync(TileKey key, Func<Task<byte[]>> render)
    {
        await EnsureCurrentAsync().ConfigureAwait(false);
        if (_tiles.TryGetValue(key, out var hit))
        {
            hit.LastUsed = Environment.TickCount64;
            return hit;
        }

        var generation = Interlocked.Read(ref _generation);
        if (_onDisk.ContainsKey(key))
        {
            try
            {
                var stored = new CachedTile(await File.ReadAllBytesAsync(PathOf(key)).ConfigureAwait(false));
                if (Interlocked.Read(ref _generation) == generation)
                {
                    Remember(key, stored);
                    return stored;
                }
            }
            catch (IOException)
            {
                _onDisk.TryRemove(key, out _);
            }
        }

        var tile = new CachedTile(await render().ConfigureAwait(false));
        if (_capacity > 0 && Interlocked.Read(ref _generation) == generation)
        {
            Remember(key, tile);
            await StoreAsync(key, tile.Body).ConfigureAwait(false);
        }

        return tile;
    }

    /// <summary>Raised when tiles went stale by an edit of this server (<see cref="TileInvalidations"/> tells the others).</summary>
    public event Action<string, IReadOnlyList<Envelope>>? Invalidated;

    /// <summary>Removes the tiles an edit of <paramref name="layer"/> within <paramref name="boxes"/>
    /// (EPSG:4490) makes stale, from memory and disk; returns how many. <paramref name="announce"/>: false
    /// when another server made the edit and told this one.</summary>
    public int Invalidate(string layer, IReadOnlyList<Envelope> boxes, bool announce = true)
    {
        if (announce)
        {
            Invalidated?.Invoke(layer, boxes);
        }

        Interlocked.Increment(ref _generation);
        bool Stale(TileKey key) => (key.Tileset == TileCatalog.Composite || key.Tileset == layer) && boxes.Any(b => Bounds(key).Intersects(b));
        var removed = 0;
        foreach (var key in _tiles.Keys.Where(Stale))
        {
            Forget(key);
            removed++;
        }

        foreach (var key in _onDisk.Keys.Where(Stale))
        {
            _onDisk.TryRemove(key, out _);
            try
            {
                File.Delete(PathOf(key));
            }
            catch (IOException)
            {
                // The folder went with a fresh start meanwhile: the tile is gone either way.
            }
        }

        return removed;
    }

    /// <summary>
    /// After an edit the server made (and invalidated for), the data version it moved to: the cache
    /// stays, only the version it is valid for moves on.
    /// </summary>
    public async Task AcknowledgeAsync(long version)
    {
        await _versionGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _version = version;
            await WriteVersionAsync().ConfigureAwait(false);
        }
        finally
        {
            _versionGate.Release();
        }
    }

    /// <summary>
    /// Drops from memory the tiles not asked for within <paramref name="idle"/> — only when the disk tier
    /// keeps them, so none has to be drawn again; returns the bytes freed. After a burst of traffic the
    /// memory tier would otherwise hold its peak until the cache filled up or the data changed.
    /// </summary>
    public long TrimIdle(TimeSpan idle)
    {
        if (_folder is null)
        {
            return 0;
        }

        var before = Interlocked.Read(ref _bytes);
        var cutoff = Environment.TickCount64 - (long)idle.TotalMilliseconds;
        foreach (var (key, tile) in _tiles)
        {
            if (tile.LastUsed <= cutoff && _onDisk.ContainsKey(key))
            {
                Forget(key);
            }
        }

        return before - Interlocked.Read(ref _bytes);
    }

    /// <summary>A tile's longitude/latitude bounds, widened by the widest buffer it draws from: label points
    /// a quarter tile outside it still put their text in it.</summary>
    public static Envelope Bounds(TileKey key)
    {
        var n = 1 << key.Z;
        var buffer = (double)TileQuery.LabelBuffer / TileQuery.Extent;
        double Lon(double x) => x / n * 360 - 180;
        double Lat(double y) => Math.Atan(Math.Sinh(Math.PI * (1 - 2 * y / n))) * 180 / Math.PI;
        return new Envelope(Lon(key.X - buffer), Lon(key.X + 1 + buffer), Lat(key.Y + 1 + buffer), Lat(key.Y - buffer));
    }

    private void Remember(TileKey key, CachedTile tile)
    {
        var size = Size(tile);
        var overCount = _tiles.Count >= _capacity;
        if (overCount || Interlocked.Read(ref _bytes) + size > _maxBytes)
        {
            // Crude but bounded: drop a tenth of the entries, or a tenth of the bytes, whichever limit
            // was reached; popular tiles come straight back (from disk, if kept).
            var dropped = 0;
            foreach (var k in _tiles.Keys)
            {
                if ((!overCount || dropped >= _capacity / 10) && Interlocked.Read(ref _bytes) + size <= _maxBytes * 9 / 10)
                {
                    break;
                }

                Forget(k);
                dropped++;
            }
        }

        Forget(key);
        if (_tiles.TryAdd(key, tile))
        {
            Interlocked.Add(ref _bytes, size);
        }
    }

    private void Forget(TileKey key)
    {
        if (_tiles.TryRemove(key, out var old))
        {
            Interlocked.Add(ref _bytes, -Size(old));
        }
    }

    // The body, its gzip form once a client asked for it (about half as much), and the entry itself.
    private static long Size(CachedTile tile) => (tile.Body.Length * 3L / 2) + 256;

    /// <summary>Bytes the memory tier holds, as counted by <see cref="Size"/>.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    private async Task StoreAsync(TileKey key, byte[] body)
    {
        if (_folder is null)
        {
            return;
        }

        // Written aside and moved into place, so a reader never sees half a tile. The aside name is
        // unique per write: two renders of one tile may run at once (on one thread id after an await).
        var path = PathOf(key);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(temporary, body).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            _onDisk[key] = 0;
        }
        catch (IOException)
        {
            // A fresh start (the data changed) took the folder away under this write: the tile stays
            // in memory only, which is what a fresh start wants anyway.
            _onDisk.TryRemove(key, out _);
        }
    }

    private string PathOf(TileKey key) => Path.Combine(_folder!, key.Tileset, key.Format, key.Z.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{key.X}-{key.Y}.tile");

    private async Task EnsureCurrentAsync()
    {
        var now = Environment.TickCount64;
        if (_dataVersion is null || now - Interlocked.Read(ref _versionCheckedAt) < _versionCheckMilliseconds || !await _versionGate.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var version = await _dataVersion(CancellationToken.None).ConfigureAwait(false);
            Interlocked.Exchange(ref _versionCheckedAt, now);
            if (version == _version)
            {
                return;
            }

            var first = _version < 0;
            _version = version;
            if (first && _folder is not null && await ReadVersionAsync().ConfigureAwait(false) == version)
            {
                // Restarted on the same data: what is on disk is still right.
                foreach (var file in Directory.EnumerateFiles(_folder, "*.tile", SearchOption.AllDirectories))
                {
                    var parts = Path.GetRelativePath(_folder, file).Split(Path.DirectorySeparatorChar);
                    var xy = Path.GetFileNameWithoutExtension(parts[3]).Split('-');
                    _onDisk[new TileKey(parts[0], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(xy[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(xy[1], System.Globalization.CultureInfo.InvariantCulture), parts[1])] = 0;
                }

                return;
            }

            // The data changed under the cache (or the disk holds another version's tiles): start afresh.
            Interlocked.Increment(ref _generation);
            _tiles.Clear();
            Interlocked.Exchange(ref _bytes, 0);
            _onDisk.Clear();
            if (_folder is not null)
            {
                Discard(_folder);

                await WriteVersionAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _versionGate.Release();
        }
    }

    /// <summary>
    /// Takes the disk tier away at once — renamed aside in one step, so tiles being written meanwhile
    /// fail cleanly instead of refilling a folder that is being deleted — and deletes it in the background.
    /// </summary>
    private static void Discard(string folder)
    {
        var aside = $"{folder}.old-{Guid.NewGuid():N}";
        try
        {
            Directory.Move(folder, aside);
        }
        catch (IOException)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                Directory.Delete(aside, recursive: true);
            }
            catch (IOException)
            {
                // Left for the next start to find; nothing reads it.
            }
        });
    }

    /// <summary>
    /// Bumped whenever a tile of the same data comes out differently (the renderer or the style
    /// changed): tiles kept on disk by an older build are then not served after a restart.
    /// 2: per-layer raster tiles became transparent.
    /// 3: polygon sites filled (no longer a dot per vertex); village and grid labels from z13.
    /// </summary>
    private const string DrawingRevision = "3";

    private async Task<long> ReadVersionAsync()
    {
        var file = Path.Combine(_folder!, "data-version." + DrawingRevision);
        return File.Exists(file) && long.TryParse(await File.ReadAllTextAsync(file).ConfigureAwait(false), out var v) ? v : -1;
    }

    private async Task WriteVersionAsync()
    {
        if (_folder is not null)
        {
            Directory.CreateDirectory(_folder);
            await File.WriteAllTextAsync(Path.Combine(_folder, "data-version." + DrawingRevision), _version.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
    }
}
