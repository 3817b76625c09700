using GeoGrid.Storage.Schema;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Storage.Access;

/// <summary>Reading the audit log (it is written only by the edits themselves, in their transactions).</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public sealed record Query(string? Entity, string? FeatureId, string? User, string? AreaCode, int Limit, long? Before);

    /// <summary>The matching rows, newest first, each as a JSON object; and the id to page on from, when there may be more.</summary>
    public async Task<(IReadOnlyList<string> Rows, long? Next)> ReadAsync(Query query, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Access/audit_read.sql"));
        foreach (var value in new object?[] { query.Entity, query.FeatureId, query.User, query.AreaCode })
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        }

        cmd.Parameters.Add(new NpgsqlParameter { Value = query.Limit });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        var rows = new List<string>();
        long last = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            last = reader.GetInt64(0);
            rows.Add(reader.GetString(1));
        }

        return (rows, rows.Count == query.Limit ? last : null);
    }
}
