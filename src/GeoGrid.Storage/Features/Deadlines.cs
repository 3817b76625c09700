using GeoGrid.Core.Access;
using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// How long each 四乱 step and each 随手拍 category may take (days): read by anyone, set by admins, every
/// change of a set audited with the whole table before and after, in one transaction.
/// </summary>
public static class Deadlines
{
    /// <summary>One deadline to set: a site category and step, or (Step null) a report category.</summary>
    public sealed record Change(string Category, string? Step, double Days);

    public static async Task<string> ReadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await ReadAsync(connection, null, ct).ConfigureAwait(false);
    }

    /// <summary>Sets all <paramref name="changes"/> or none: the first one that names no deadline is returned and nothing is written.</summary>
    public static async Task<Change?> SetAsync(NpgsqlDataSource dataSource, IReadOnlyList<Change> changes, Actor actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var before = await ReadAsync(connection, tx, ct).ConfigureAwait(false);
        foreach (var change in changes)
        {
            await using var cmd = new NpgsqlCommand(SqlFiles.Read(change.Step is null ? "Timeline/report_deadline_set.sql" : "Timeline/site_deadline_set.sql"), connection, tx);
            cmd.Parameters.Add(new NpgsqlParameter { Value = change.Category });
            if (change.Step is { } step)
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = step });
            }

            cmd.Parameters.Add(new NpgsqlParameter { Value = (decimal)change.Days });
            if (await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is not true)
            {
                return change;
            }
        }

        await EditSupport.AuditAsync(connection, tx, actor, "set", "deadlines", null, null, before, await ReadAsync(connection, tx, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return null;
    }

    private static async Task<string> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlFiles.Read("Timeline/deadlines.sql"), connection, tx);
        return (string)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}
