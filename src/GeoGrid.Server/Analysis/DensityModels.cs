using System.Collections.Concurrent;
using GeoGrid.Core.Analysis.Density;

namespace GeoGrid.Server.Analysis;

/// <summary>
/// The density grids behind the density tiles, one per filter set and data version, kept so that the
/// tiles of a map are sampled from one estimate (and its peak) instead of each computing its own.
/// Bounded: past 32 estimates the oldest ones go.
/// </summary>
public sealed class DensityModels
{
    private const int Capacity = 32;
    private readonly ConcurrentDictionary<string, Lazy<Task<(DensityGrid Grid, double Peak)>>> _models = new();
    private readonly ConcurrentQueue<string> _order = new();

    public async Task<(DensityGrid Grid, double Peak)> GetOrBuildAsync(string key, Func<Task<DensityGrid>> build)
    {
        var entry = _models.GetOrAdd(key, k =>
        {
            _order.Enqueue(k);
            return new Lazy<Task<(DensityGrid, double)>>(async () =>
            {
                var grid = await build().ConfigureAwait(false);
                return (grid, grid.Values.Length == 0 ? 0 : grid.Values.Max());
            });
        });
        while (_order.Count > Capacity && _order.TryDequeue(out var old))
        {
            _models.TryRemove(old, out _);
        }

        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed or cancelled build is not kept: the next request tries again.
            _models.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }
}
