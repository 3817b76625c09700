using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Catalog;

/// <summary>The area GeoGrid serves (Zhengzhou's districts), for checking that imported data is there.</summary>
public static class ServiceExtent
{
    /// <summary>Used before any district is loaded: Zhengzhou's bounding box with a margin.</summary>
    public static Envelope Fallback { get; } = new(112.6, 114.3, 34.2, 35.1);

    public static async Task<Envelope> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Catalog/zhengzhou_extent.sql"));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new Envelope(reader.GetDouble(0), reader.GetDouble(2), reader.GetDouble(1), reader.GetDouble(3))
            : Fallback;
    }
}
