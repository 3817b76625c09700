using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Catalog;

/// <summary>Whether the database answers, with its PostGIS and schema versions.</summary>
public static class DatabaseHealth
{
    public static async Task<(string PostGis, int? SchemaVersion)> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Catalog/health.sql"));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
    }
}
