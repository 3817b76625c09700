using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>What every edit of a versioned layer does the same way: lock and check the version, audit.</summary>
internal static class EditSupport
{
    /// <summary>Locks the row by <paramref name="lockSql"/> (id, version, box) and checks it is still at <paramref name="expectedVersion"/>.</summary>
    public static async Task<((long Id, int Version, Envelope Box) Row, EditOutcome? Refusal)> LockVersionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string lockSql, string code, int expectedVersion, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlFiles.Read(lockSql), connection, tx) { Parameters = { new() { Value = code } } };
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return (default, EditOutcome.NotFound);
        }

        var row = (reader.GetInt64(0), reader.GetInt32(1), new Envelope(reader.GetDouble(2), reader.GetDouble(4), reader.GetDouble(3), reader.GetDouble(5)));
        return row.Item2 != expectedVersion ? (default, EditOutcome.Stale(row.Item2)) : (row, null);
    }

    /// <summary>
    /// When the edited feature names a status of <typeparamref name="TStatus"/>, records it as a lifecycle
    /// event by <paramref name="eventSql"/> ($1 id, $2 status, $3 at, $4 note); the triggers move the row.
    /// </summary>
    public static async Task RecordStatusAsync<TStatus>(NpgsqlConnection connection, NpgsqlTransaction tx, string eventSql, long id, FeatureRecord feature, CancellationToken ct)
        where TStatus : struct, Enum
    {
        if (feature.Properties.GetValueOrDefault("status")?.ToString() is not { Length: > 0 } text || DomainLabels.Parse<TStatus>(text) is not { } status)
        {
            return;
        }

        await using var ev = new NpgsqlCommand(SqlFiles.Read(eventSql), connection, tx)
        {
            Parameters = { new() { Value = id }, new() { Value = DomainLabels.Key(status) }, new() { Value = DateTime.UtcNow, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz }, new() { Value = "编辑" } },
        };
        await ev.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task<int?> VersionAsync(NpgsqlDataSource dataSource, string sqlFile, string code, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read(sqlFile));
        cmd.Parameters.Add(new NpgsqlParameter { Value = code });
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as int?;
    }

    public static async Task AuditAsync(NpgsqlDataSource dataSource, string actor, string action, string entity, string code, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await AuditAsync(connection, null, actor, action, entity, code, ct).ConfigureAwait(false);
    }

    public static async Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string actor, string action, string entity, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlFiles.Read("Edit/audit.sql"), connection, tx)
        {
            Parameters = { new() { Value = actor }, new() { Value = action }, new() { Value = entity }, new() { Value = code }, new() { Value = "{}" } },
        };
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
