using Microsoft.Extensions.Logging;
using Npgsql;

namespace GeoGrid.Server.Http;

/// <summary>
/// Knows whether PostgreSQL is reachable. The first failure after a good spell is logged once, then a
/// probe tries the database every two seconds and logs once when it answers again; requests in between
/// get 503 with <c>Retry-After</c> instead of a stack trace each. The pool is cleared on both changes so
/// no connection broken by a restarted (or killed) postmaster is handed out afterwards.
/// </summary>
public sealed class DatabaseOutage(NpgsqlDataSource dataSource, ILogger<DatabaseOutage> logger)
{
    public const int RetryAfterSeconds = 5;
    private int _down;

    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <summary>Whether <paramref name="e"/> means the database cannot be reached or cannot take the work now.</summary>
    public static bool IsOutage(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal)
            || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.InsufficientResources
                or PostgresErrorCodes.DiskFull or PostgresErrorCodes.QueryCanceled,
        NpgsqlException => true,
        _ => e.InnerException is { } inner && IsOutage(inner),
    };

    public void Report(Exception e)
    {
        // A statement that ran into its timeout or was cancelled says nothing about the database being away.
        if (e is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } || e.GetBaseException() is TimeoutException)
        {
            return;
        }

        if (Interlocked.Exchange(ref _down, 1) == 1)
        {
            return;
        }

        logger.LogWarning("Database unreachable or refusing work, answering 503 until it answers again: {Reason}", e.GetBaseException().Message);
        dataSource.Clear();
        _ = ProbeAsync();
    }

    private async Task ProbeAsync()
    {
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            try
            {
                dataSource.Clear();
                await Storage.Catalog.DatabaseHealth.ReadAsync(dataSource).ConfigureAwait(false);
                Volatile.Write(ref _down, 0);
                logger.LogWarning("Database reachable again");
                return;
            }
            catch (Exception e) when (IsOutage(e))
            {
                // Still down; the next probe tries again.
            }
        }
    }
}
