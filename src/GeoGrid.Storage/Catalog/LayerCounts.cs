using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Catalog;

/// <summary>Reads the feature count of every layer, for the landing page and <c>geogrid db status</c>.</summary>
public static class LayerCounts
{
    public static async Task<IReadOnlyList<LayerCount>> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Catalog/layer_counts.sql"));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<LayerCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new LayerCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return list;
    }
}
