using GeoGrid.Storage.Schema;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Storage.Features;

/// <summary>随手拍 reports read as Open311 GeoReport v2 service requests (the SQL shapes them).</summary>
public static class ReportRequests
{
    public sealed record Query(IReadOnlyList<string>? Codes, IReadOnlyList<string>? Categories, DateTimeOffset From, DateTimeOffset To, string? Status, int Limit);

    public static async Task<string> ReadAsync(NpgsqlDataSource dataSource, Query query, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Intake/requests.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.Codes?.ToArray() ?? (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.Categories?.ToArray() ?? (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.From.ToUniversalTime() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.To.ToUniversalTime() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.Limit });
        return (string)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}
