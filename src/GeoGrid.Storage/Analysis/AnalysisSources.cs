using GeoGrid.Core.Import;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Storage.Analysis;

/// <summary>
/// Reads the layers analyses run on out of PostGIS as plain features (geometry first, every other
/// column a property), so the same pure analyses run on the database and on an analyst's file.
/// </summary>
public sealed class AnalysisSources(ReadSource reads)
{
    // The replica when one is configured and this request may read from it (see ReadSource).
    private NpgsqlDataSource DataSource => reads.Current;

    public Task<long> DataVersionAsync(CancellationToken ct) => Catalog.DataVersion.ReadAsync(DataSource, ct);

    /// <summary>The polygon of an administrative area or grid code, or null when there is none.</summary>
    public async Task<Geometry?> AreaAsync(string code, CancellationToken ct)
    {
        await using var cmd = DataSource.CreateCommand(SqlFiles.Read("Analysis/area.sql"));
        cmd.Parameters.AddWithValue(code);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as Geometry;
    }

    public Task<IReadOnlyList<FeatureRecord>> ReportsAsync(IncidentFilter filter, CancellationToken ct) => ReadAsync("Analysis/reports.sql", ct, Filter(filter));

    public Task<IReadOnlyList<FeatureRecord>> SitesAsync(IncidentFilter filter, CancellationToken ct) => ReadAsync("Analysis/sites.sql", ct, Filter(filter));

    public Task<IReadOnlyList<FeatureRecord>> GridsAsync(IncidentFilter filter, int level, CancellationToken ct) =>
        ReadAsync("Analysis/grids.sql", ct, [.. Filter(filter), Typed(level, NpgsqlDbType.Integer)]);

    public Task<IReadOnlyList<FeatureRecord>> CoverageFamiliesAsync(string parent, int depth, CancellationToken ct) =>
        ReadAsync("Analysis/coverage.sql", ct, Typed(parent, NpgsqlDbType.Text), Typed(depth, NpgsqlDbType.Integer));

    public Task<IReadOnlyList<FeatureRecord>> RoadSegmentsAsync(Geometry? area, CancellationToken ct) => ReadAsync("Analysis/road_segments.sql", ct, Typed(area, NpgsqlDbType.Geometry));

    public Task<IReadOnlyList<FeatureRecord>> DutyUnitsAsync(Geometry? area, CancellationToken ct) => ReadAsync("Analysis/duty_units.sql", ct, Typed(area, NpgsqlDbType.Geometry));

    private static NpgsqlParameter[] Filter(IncidentFilter f) =>
    [
        Typed(f.Category, NpgsqlDbType.Text),
        Typed(f.From?.UtcDateTime, NpgsqlDbType.TimestampTz),
        Typed(f.To?.UtcDateTime, NpgsqlDbType.TimestampTz),
        Typed(f.Area, NpgsqlDbType.Geometry),
    ];

    private static NpgsqlParameter Typed(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private async Task<IReadOnlyList<FeatureRecord>> ReadAsync(string sqlFile, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var cmd = DataSource.CreateCommand(SqlFiles.Read(sqlFile));
        cmd.Parameters.AddRange(parameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var features = new List<FeatureRecord>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var properties = new Dictionary<string, object?>(reader.FieldCount - 1);
            for (var i = 1; i < reader.FieldCount; i++)
            {
                properties[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                {
                    DateTime t => new DateTimeOffset(t, TimeSpan.Zero),
                    var v => v,
                };
            }

            features.Add(new FeatureRecord(features.Count + 1, reader.IsDBNull(0) ? null : reader.GetFieldValue<Geometry>(0), properties));
        }

        return features;
    }
}
