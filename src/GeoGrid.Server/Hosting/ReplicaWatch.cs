using GeoGrid.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoGrid.Server.Hosting;

/// <summary>
/// With a read replica configured, asks it every <c>GeoGrid:ReadReplica:CheckSeconds</c> (5) whether it
/// answers as a replica; while it does not, reads go to the primary instead of failing with 503, and the
/// change is logged once each way. A read that reaches a replica going down in between fails like any
/// outage (503 with Retry-After) and the next check routes around it.
/// </summary>
public sealed class ReplicaWatch(ReadSource reads, IConfiguration configuration, ILogger<ReplicaWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (reads.Replica is null)
        {
            return;
        }

        var every = TimeSpan.FromSeconds(configuration.GetValue("GeoGrid:ReadReplica:CheckSeconds", 5.0));
        using var timer = new PeriodicTimer(every);
        try
        {
            do
            {
                if (await reads.CheckReplicaAsync(every, stoppingToken).ConfigureAwait(false))
                {
                    if (reads.ReplicaUp)
                    {
                        logger.LogWarning("the read replica answers again: reads go to it");
                    }
                    else
                    {
                        logger.LogWarning("the read replica does not answer: reads go to the primary until it does");
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops.
        }
    }
}
