using GeoGrid.Core.Access;
using GeoGrid.Storage.Access;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>What every edit of a versioned layer does the same way: lock and check the version, check the actor's areas, snapshot, audit.</summary>
internal static class EditSupport
{
    /// <summary>A locked row: its id, version, bounding box and geometry (EPSG:4490).</summary>
    public readonly record struct LockedRow(long Id, int Version, Envelope Box, Geometry Geometry);

    /// <summary>Locks the row by <paramref name="lockSql"/> (id, version, box, geom) and checks it is still at <paramref name="expectedVersion"/> (any version when null).</summary>
    public static async Task<(LockedRow Row, EditOutcome? Refusal)> LockVersionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string lockSql, string code, int? expectedVersion, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlFiles.Read(lockSql), connection, tx) { Parameters = { new() { Value = code } } };
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return (default, EditOutcome.NotFound);
        }

        var row = new LockedRow(reader.GetInt64(0), reader.GetInt32(1), new Envelope(reader.GetDouble(2), reader.GetDouble(4), reader.GetDouble(3), reader.GetDouble(5)), reader.GetFieldValue<Geometry>(6));
        return expectedVersion is { } v && row.Version != v ? (default, EditOutcome.Stale(row.Version)) : (row, null);
    }

    /// <summary>The refusal when <paramref name="actor"/> may not change a feature that is (or will be) at any of <paramref name="places"/>.</summary>
    public static async Task<EditOutcome?> AreaRefusalAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Actor actor, CancellationToken ct, params Geometry[] places)
    {
        foreach (var place in places)
        {
            if (await AreaLimits.RefusalAsync(connection, tx, actor, place, ct).ConfigureAwait(false) is { } reason)
            {
                return EditOutcome.OutOfArea(reason);
            }
        }

        return null;
    }

    public static EditOutcome Refusal(Core.Lifecycle.TransitionRefusal no) =>
        no.Kind == Core.Lifecycle.TransitionRefusalKind.Forbidden ? EditOutcome.Forbidden(no.Reason, no.Allowed) : EditOutcome.IllegalTransition(no.Reason, no.Allowed);

    /// <summary>The row as JSON by <paramref name="snapshotSql"/>, for the audit's before and after.</summary>
    public static async Task<string?> SnapshotAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string snapshotSql, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlFiles.Read(snapshotSql), connection, tx) { Parameters = { new() { Value = id } } };
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    public static async Task<long> InsertEventAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string eventSql, long id, string status, string note, Actor actor, CancellationToken ct)
    {
        await using var ev = new NpgsqlCommand(SqlFiles.Read(eventSql), connection, tx)
        {
            Parameters = { new() { Value = id }, new() { Value = status }, new() { Value = DateTime.UtcNow, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz }, new() { Value = note }, new() { Value = actor.Name } },
        };
        return (long)(await ev.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    public static async Task<int?> VersionAsync(NpgsqlDataSource dataSource, string sqlFile, string code, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read(sqlFile));
        cmd.Parameters.Add(new NpgsqlParameter { Value = code });
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as int?;
    }

    /// <summary>
    /// The audit row of a change, in its transaction: who (and, for a signed-in user, their name), what,
    /// where (the area under <paramref name="place"/>), the feature before and after.
    /// </summary>
    public static async Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Actor actor, string action, string entity, string? code, Geometry? place, string? before, string? after, CancellationToken ct, string detail = "{}")
    {
        var area = place is null ? null : await AreaLimits.AreaAtAsync(connection, tx, place, ct).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(SqlFiles.Read("Edit/audit.sql"), connection, tx);
        foreach (var value in new object?[] { actor.Name, action, entity, code, detail, actor.IsUser ? actor.Name : null, area?.Code, before, after })
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        }

        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
