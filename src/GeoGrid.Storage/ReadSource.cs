using Npgsql;

namespace GeoGrid.Storage;

/// <summary>
/// Where a read goes: to a streaming replica when one is configured, else to the primary. The replica
/// lags the primary by a little, so a client that has just written reads from the primary until the
/// replica has replayed past its write (<see cref="ReplicaHasReplayedAsync"/>, with the position
/// <see cref="PrimaryPositionAsync"/> gave it), and the reads of a write request itself stay on the
/// primary (<see cref="UsePrimaryHere"/>, which holds for the rest of the request's async flow).
/// A replica that does not answer (or is no longer a replica: promoted) is passed over until it answers
/// again (<see cref="CheckReplicaAsync"/>, run every few seconds by the server). Replication is PostgreSQL's
/// own; this only chooses the connection.
/// </summary>
public sealed class ReadSource(NpgsqlDataSource primary, NpgsqlDataSource? replica = null) : IAsyncDisposable
{
    private static readonly AsyncLocal<bool> s_primaryHere = new();

    public NpgsqlDataSource Primary => primary;

    public NpgsqlDataSource? Replica => replica;

    private volatile bool _replicaUp = true;

    /// <summary>The data source for reads of the current request: the primary when there is no replica, when
    /// this request must see the primary, or while the replica does not answer.</summary>
    public NpgsqlDataSource Current => replica is null || s_primaryHere.Value || !_replicaUp ? primary : replica;

    /// <summary>Whether reads may go to the replica (see <see cref="CheckReplicaAsync"/>).</summary>
    public bool ReplicaUp => replica is not null && _replicaUp;

    /// <summary>Asks the replica whether it answers (within <paramref name="timeout"/>); reads go to the primary
    /// until it does again. Answers whether it changed.</summary>
    public async Task<bool> CheckReplicaAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (replica is null)
        {
            return false;
        }

        bool up;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            await using var cmd = replica.CreateCommand("SELECT pg_is_in_recovery()");
            up = await cmd.ExecuteScalarAsync(limit.Token).ConfigureAwait(false) is true;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException && !ct.IsCancellationRequested)
        {
            up = false;
        }

        var changed = up != _replicaUp;
        _replicaUp = up;
        return changed;
    }

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
    /// <see cref="PrimaryPositionAsync"/>); true when reads do not go to a replica anyway (none, or it is
    /// down), false when it cannot say (it went down since the last check: the read goes to the primary).</summary>
    public async Task<bool> ReplicaHasReplayedAsync(ulong position, CancellationToken ct)
    {
        if (!ReplicaUp)
        {
            return true;
        }

        try
        {
            await using var cmd = replica!.CreateCommand("SELECT coalesce(pg_last_wal_replay_lsn() - '0/0'::pg_lsn >= $1, false)");
            cmd.Parameters.Add(new NpgsqlParameter { Value = (decimal)position });
            return (bool)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>Closes the replica's pool; the primary belongs to whoever made it.</summary>
    public ValueTask DisposeAsync() => replica?.DisposeAsync() ?? ValueTask.CompletedTask;
}
