using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Storage.Schema;

/// <summary>
/// One statement from a SQL file with positional arguments ($1, $2 …), answering its first column of
/// its first row (null without a row). A DBNull argument goes as text, the type every optional filter
/// of these files takes.
/// </summary>
internal static class SqlCommands
{
    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sqlFile, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(SqlFiles.Read(sqlFile), connection, tx);
        Bind(cmd, args);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(NpgsqlDataSource dataSource, string sqlFile, CancellationToken ct, params object[] args)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read(sqlFile));
        Bind(cmd, args);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    private static void Bind(NpgsqlCommand cmd, object[] args)
    {
        foreach (var a in args)
        {
            cmd.Parameters.Add(a is DBNull ? new NpgsqlParameter { Value = a, NpgsqlDbType = NpgsqlDbType.Text } : new NpgsqlParameter { Value = a });
        }
    }
}
