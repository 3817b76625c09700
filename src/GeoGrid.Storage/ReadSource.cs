using Npgsql;

namespace GeoGrid.Storage;

/// <summary>
/// Where a read goes: to a streaming replica when one is configured, else to the primary. The replica
/// lags the primary by a little, so a client that has just written reads from the primary until the
/// replica has replayed past its write (<see cref="ReplicaHasReplayedAsync"/>, with the position
/// <see cref="PrimaryPositionAsync"/> gave it), and the reads of a write request itself stay on the
/// primary (<see cref="UsePrimaryHere"/>, which holds for the rest of the request's async flow).
/// Replication is PostgreSQL's own; this only chooses the connection.
/// </summary>
public sealed class ReadSource(NpgsqlDataSource primary, NpgsqlDataSource? replica = null) : IAsyncDisposable
{
    private static readonly AsyncLocal<bool> s_primaryHere = new();

    public NpgsqlDataSource Primary => primary;

    public NpgsqlDataSource? Replica => replica;

    /// <summary>The data source for reads of the current request.</summary>
    public NpgsqlDataSource Current => replica is null || s_primaryHere.Value ? primary : replica;

    /// <summary>True when <see cref="Current"/> is the replica.</summary>
    public bool OnReplica => Current == replica;

    /// <summary>Sends the reads of the rest of this request to the primary.</summary>
    public static void UsePrimaryHere() => s_primaryHere.Value = true;

    /// <summary>The primary's current WAL position: a commit that has returned lies at or before it.</summary>
    public async Task<ulong> PrimaryPositionAsync(CancellationToken ct)
    {
        await using var cmd = primary.CreateCommand("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
        return (ulong)Convert.ToDecimal(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the replica has replayed the WAL up to <paramref name="position"/> (a position from
    /// <see cref="PrimaryPositionAsync"/>); true without a replica.</summary>
    public async Task<bool> ReplicaHasReplayedAsync(ulong position, CancellationToken ct)
    {
        if (replica is null)
        {
            return true;
        }

        await using var cmd = replica.CreateCommand("SELECT coalesce(pg_last_wal_replay_lsn() - '0/0'::pg_lsn >= $1, false)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = (decimal)position });
        return (bool)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Closes the replica's pool; the primary belongs to whoever made it.</summary>
    public ValueTask DisposeAsync() => replica?.DisposeAsync() ?? ValueTask.CompletedTask;
}
