using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Catalog;

/// <summary>
/// The data version: a number a trigger moves with every statement that changes the served data
/// (migration 0002). Analysis results record it; the tile cache drops what an outside change made stale.
/// </summary>
public static class DataVersion
{
    public static async Task<long> ReadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Catalog/data_version.sql"));
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}
