using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// What happened to a site, in a grid, and what is late: timelines and the overdue list, each one SQL
/// statement answering JSON (the shapes are documented in the SQL files).
/// </summary>
public static class SiteTimeline
{
    /// <summary>A site's events, attachments, 立拆立清 times and due time; null when there is no such site.</summary>
    public static Task<string?> SiteAsync(NpgsqlDataSource dataSource, string code, bool withActors, CancellationToken ct) =>
        ScalarStringAsync(dataSource, "Timeline/site.sql", ct, code, withActors);

    /// <summary>The newest events of the sites and reports in a grid and the grids under it; null when there is no such grid.</summary>
    public static Task<string?> GridAsync(NpgsqlDataSource dataSource, string gridCode, bool withActors, int limit, CancellationToken ct) =>
        ScalarStringAsync(dataSource, "Timeline/grid.sql", ct, gridCode, withActors, limit);

    /// <summary>Open sites past their current step's deadline at <paramref name="at"/>, in an area (code prefix) or everywhere.</summary>
    public static async Task<string> OverdueAsync(NpgsqlDataSource dataSource, string? areaCode, DateTimeOffset at, CancellationToken ct) =>
        (await ScalarStringAsync(dataSource, "Timeline/overdue.sql", ct, (object?)areaCode ?? DBNull.Value, at.ToUniversalTime()).ConfigureAwait(false))!;

    private static async Task<string?> ScalarStringAsync(NpgsqlDataSource dataSource, string sqlFile, CancellationToken ct, params object[] args) =>
        await SqlCommands.ScalarAsync(dataSource, sqlFile, ct, args).ConfigureAwait(false) as string;
}
