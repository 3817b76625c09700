using GeoGrid.Storage.Schema;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Storage.Features;

/// <summary>
/// What happened to a site, in a grid, and what is late: timelines and the overdue list, each one SQL
/// statement answering JSON (the shapes are documented in the SQL files).
/// </summary>
public static class SiteTimeline
{
    /// <summary>A site's events, attachments, 立拆立清 times and due time; null when there is no such site.</summary>
    public static Task<string?> SiteAsync(NpgsqlDataSource dataSource, string code, bool withActors, CancellationToken ct) =>
        ScalarAsync(dataSource, "Timeline/site.sql", ct, code, withActors);

    /// <summary>The newest events of the sites and reports in a grid and the grids under it; null when there is no such grid.</summary>
    public static Task<string?> GridAsync(NpgsqlDataSource dataSource, string gridCode, bool withActors, int limit, CancellationToken ct) =>
        ScalarAsync(dataSource, "Timeline/grid.sql", ct, gridCode, withActors, limit);

    /// <summary>Open sites past their current step's deadline at <paramref name="at"/>, in an area (code prefix) or everywhere.</summary>
    public static async Task<string> OverdueAsync(NpgsqlDataSource dataSource, string? areaCode, DateTimeOffset at, CancellationToken ct) =>
        (await ScalarAsync(dataSource, "Timeline/overdue.sql", ct, (object?)areaCode ?? DBNull.Value, at.ToUniversalTime()).ConfigureAwait(false))!;

    private static async Task<string?> ScalarAsync(NpgsqlDataSource dataSource, string sqlFile, CancellationToken ct, params object[] args)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read(sqlFile));
        foreach (var a in args)
        {
            cmd.Parameters.Add(a is DBNull ? new NpgsqlParameter { Value = a, NpgsqlDbType = NpgsqlDbType.Text } : new NpgsqlParameter { Value = a });
        }

        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }
}
