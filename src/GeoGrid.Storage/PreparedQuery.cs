using Npgsql;

namespace GeoGrid.Storage;

/// <summary>
/// Commands that run again and again with other parameters (tiles, feature pages). Npgsql keeps a
/// prepared statement per physical connection, so each connection plans the SQL once.
/// </summary>
public static class PreparedQuery
{
    public static async Task<NpgsqlCommand> CreateAsync(NpgsqlConnection connection, string sql, IEnumerable<object> args, CancellationToken ct)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a is DateTimeOffset t ? t.UtcDateTime : a });
        }

        await cmd.PrepareAsync(ct).ConfigureAwait(false);
        return cmd;
    }
}
