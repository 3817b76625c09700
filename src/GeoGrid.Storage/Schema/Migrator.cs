using System.Globalization;
using Npgsql;

namespace GeoGrid.Storage.Schema;

/// <summary>
/// Applies the numbered migrations in <c>Sql/Migrations/</c> that a database lacks, each in its own
/// transaction together with its row in <c>schema_version</c>, so a failed migration leaves nothing.
/// An advisory lock keeps two starting servers from migrating at once.
/// </summary>
public static class Migrator
{
    private const long LockKey = 0x6765_6F67_7269_64; // "geogrid"

    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, null, "SELECT pg_advisory_lock($1)", cancellationToken, LockKey).ConfigureAwait(false);
        try
        {
            await Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken).ConfigureAwait(false);
            var applied = new HashSet<int>();
            await using (var cmd = new NpgsqlCommand("SELECT version FROM schema_version", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var done = new List<int>();
            foreach (var file in SqlFiles.List("Migrations/"))
            {
                var name = file["Migrations/".Length..];
                var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                if (applied.Contains(version))
                {
                    continue;
                }

                await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await Execute(connection, tx, SqlFiles.Read(file), cancellationToken).ConfigureAwait(false);
                await Execute(connection, tx, "INSERT INTO schema_version (version, name) VALUES ($1, $2)", cancellationToken, version, name).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                done.Add(version);
            }

            // Npgsql caches type OIDs per data source; enums created just now must be learned.
            if (done.Count > 0)
            {
                await connection.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
            }

            return done;
        }
        finally
        {
            await Execute(connection, null, "SELECT pg_advisory_unlock($1)", cancellationToken, LockKey).ConfigureAwait(false);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
