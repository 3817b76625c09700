using System.Runtime;
using GeoGrid.Server.Tiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoGrid.Server.Hosting;

/// <summary>
/// Gives memory back when a burst of traffic is over. Every <c>GeoGrid:Idle:CheckSeconds</c> (10) the
/// tiles idle for <c>GeoGrid:TileCache:IdleSeconds</c> (30) leave the memory tier (the disk tier still
/// has them); and when the server has gone quiet (under 4 MB allocated since the last check) after
/// allocating over 64 MB since it last did this, one compacting collection returns the burst's garbage
/// to the system. Without it an idle server keeps its peak: the collector runs only when something
/// allocates, and the large-object heap, where tiles and query buffers live, is neither compacted nor
/// given back by ordinary collections. Under load nothing here runs a collection.
/// </summary>
public sealed class IdleTrimmer(TileCache cache, IConfiguration configuration, ILogger<IdleTrimmer> logger) : BackgroundService
{
    private const long QuietBelow = 4L << 20;
    private const long BurstAbove = 64L << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(configuration.GetValue("GeoGrid:Idle:CheckSeconds", 10.0));
        var idle = TimeSpan.FromSeconds(configuration.GetValue("GeoGrid:TileCache:IdleSeconds", 30.0));
        var lastTick = GC.GetTotalAllocatedBytes();
        var lastCollection = lastTick;
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var freed = cache.TrimIdle(idle);
                var allocated = GC.GetTotalAllocatedBytes();
                var quiet = allocated - lastTick < QuietBelow;
                lastTick = allocated;
                if (!quiet || allocated - lastCollection < BurstAbove)
                {
                    continue;
                }

                lastCollection = allocated;
                var before = Environment.WorkingSet;
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                logger.LogDebug("Quiet after a burst: {Tiles:0.0} MB of idle tiles left memory; working set {Before} → {After} MB",
                    freed / 1048576.0, before >> 20, Environment.WorkingSet >> 20);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops.
        }
    }
}
