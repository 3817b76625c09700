using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// Closing figures of 随手拍 reports for an area (or grid) and period — found, closed, median hours to
/// close, overdue, duplicates, withdrawn — as a whole and per grid of a level: the kind of statement
/// the articles make ("高村乡 9,880 found, 9,765 closed").
/// </summary>
public static class ReportFigures
{
    /// <summary>The figures as a JSON array, the whole area first; <paramref name="byLevel"/> 0 gives the whole only.</summary>
    public static async Task<string> ReadAsync(NpgsqlDataSource dataSource, string areaOrGridCode, DateTimeOffset from, DateTimeOffset to, int byLevel, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Figures/reports.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = areaOrGridCode });
        cmd.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = byLevel });
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as string ?? "[]";
    }
}
