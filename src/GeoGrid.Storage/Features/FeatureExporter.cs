using GeoGrid.Core.Import;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>Reads a whole layer as features in EPSG:4490, with the attributes its export SQL names.</summary>
public static class FeatureExporter
{
    public static IReadOnlyList<string> Layers { get; } = ["admin_areas", "grids", "road_segments", "duty_units", "floodplain_zones", "sites", "reports"];

    public static async Task<IReadOnlyList<FeatureRecord>> ReadAsync(NpgsqlDataSource dataSource, string layer, CancellationToken cancellationToken = default)
    {
        if (!Layers.Contains(layer))
        {
            throw new ArgumentException($"Unknown layer '{layer}'. Layers: {string.Join(", ", Layers)}.", nameof(layer));
        }

        await using var cmd = dataSource.CreateCommand(SqlFiles.Read($"Export/{layer}.sql"));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<FeatureRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var properties = new Dictionary<string, object?>();
            for (var i = 1; i < reader.FieldCount; i++)
            {
                properties[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                {
                    DateTime t => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                    var v => v,
                };
            }

            list.Add(new FeatureRecord(list.Count + 1, reader.GetFieldValue<Geometry>(0), properties));
        }

        return list;
    }
}
