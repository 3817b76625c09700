using System.Globalization;
using GeoGrid.Core.Demo;
using GeoGrid.Core.Domain;
using GeoGrid.Storage.Schema;
using GeoGrid.Storage.Tiles;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Storage.Demo;

/// <summary>
/// Loads a <see cref="DemoDataset"/> in one transaction: binary COPY into staging tables, then one SQL
/// script resolves codes and routes sites and reports to their grids. Either all of it is there
/// afterwards or none of it.
/// </summary>
public static class DemoLoader
{
    /// <summary>How many times over the loaded demo holds Zhengzhou (see <see cref="DemoScaling"/>); null when no demo is loaded.</summary>
    public static async Task<int?> ScaleAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT coalesce((SELECT value FROM dataset_meta WHERE key = 'scale'), '1') FROM dataset_meta WHERE key = 'dataset'");
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string s ? int.Parse(s, CultureInfo.InvariantCulture) : null;
    }

    public static async Task LoadAsync(NpgsqlDataSource dataSource, DemoDataset data, int seed, IProgress<string>? progress = null, CancellationToken cancellationToken = default, int scale = 1)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, SqlFiles.Read("Demo/staging.sql"), cancellationToken).ConfigureAwait(false);

        progress?.Report($"copying {data.AdminAreas.Count:N0} areas and {data.Grids.Count:N0} grids");
        await CopyAsync(connection, "load_admin_areas (code, name, level, parent_code, geom)", data.AdminAreas, a => [a.Code, a.Name, DomainLabels.Key(a.Level), a.ParentCode, a.Geometry], cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, "load_grids (code, name, level, parent_code, area_code, households, geom)", data.Grids, g => [g.Code, g.Name, (short)g.Level, g.ParentCode, g.AreaCode, g.Households, g.Geometry], cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, "load_workers (grid_code, name, role, phone)", data.Workers, w => [w.GridCode, w.Name, DomainLabels.Key(w.Role), w.Phone], cancellationToken).ConfigureAwait(false);

        progress?.Report($"copying {data.Segments.Count:N0} road segments and {data.DutyUnits.Count:N0} 门前四包 units");
        await CopyAsync(connection, "load_chiefs (code, name, level, phone)", data.Chiefs, c => [c.Code, c.Name, DomainLabels.Key(c.Level), c.Phone], cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, "load_segments (code, road_name, seq, district_code, chief_code, geom)", data.Segments, s => [s.Code, s.RoadName, s.Sequence, s.DistrictCode, s.ChiefCode, s.Geometry], cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, "load_duty_units (code, name, kind, segment_code, geom)", data.DutyUnits, u => [u.Code, u.Name, u.Kind, u.SegmentCode, u.Geometry], cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, "load_rivers (name, geom)", [data.River], r => [r.Name, r.Geometry], cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, "load_zones (kind, name, rules, geom)", data.Zones, z => [DomainLabels.Key(z.Kind), z.Name, z.Rules, z.Geometry], cancellationToken).ConfigureAwait(false);

        progress?.Report($"copying {data.Sites.Count:N0} 四乱 sites and {data.Reports.Count:N0} 随手拍 reports");
        await CopyAsync(connection, "load_sites (code, category, description, found_at, geom)", data.Sites, s => [s.Code, DomainLabels.Key(s.Category), s.Description, s.Events[0].At, s.Geometry], cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, "load_site_events (site_code, status, at, note)", data.Sites.SelectMany(s => s.Events.Select(e => (s.Code, e))).ToList(), x => [x.Code, DomainLabels.Key(x.e.Status), x.e.At, x.e.Note], cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, "load_reports (code, category, text, created_at, geom)", data.Reports, r => [r.Code, DomainLabels.Key(r.Category), r.Text, r.Events[0].At, r.Geometry], cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, "load_report_events (report_code, status, at, note)", data.Reports.SelectMany(r => r.Events.Select(e => (r.Code, e))).ToList(), x => [x.Code, DomainLabels.Key(x.e.Status), x.e.At, x.e.Note], cancellationToken).ConfigureAwait(false);

        progress?.Report("resolving codes and routing sites and reports to their grids");
        await ExecuteAsync(connection, SqlFiles.Read("Demo/publish.sql"), cancellationToken).ConfigureAwait(false);
        await using (var meta = new NpgsqlCommand("INSERT INTO dataset_meta (key, value) VALUES ('dataset', 'zhengzhou-demo'), ('seed', $1), ('scale', $2), ('loaded_at', now()::text)", connection, tx))
        {
            meta.Parameters.Add(new NpgsqlParameter { Value = seed.ToString(CultureInfo.InvariantCulture) });
            meta.Parameters.Add(new NpgsqlParameter { Value = scale.ToString(CultureInfo.InvariantCulture) });
            await meta.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "ANALYZE", cancellationToken).ConfigureAwait(false);
        progress?.Report("generalising polygons for each zoom of the vector tiles");
        await TileShapes.RefreshAsync(dataSource, ct: cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        // No time limit: publishing 10× Zhengzhou routes 220,000 reports to their grids, far past the 30-s default.
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Binary COPY of <paramref name="rows"/>; each row is written as the values <paramref name="columns"/>
    /// gives, in the order of the column list, with the type each CLR value maps to.</summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, IReadOnlyList<T> rows, Func<T, object?[]> columns, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            foreach (var value in columns(row))
            {
                switch (value)
                {
                    case null:
                        await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    case NetTopologySuite.Geometries.Geometry g:
                        await importer.WriteAsync(g, NpgsqlDbType.Geometry, cancellationToken).ConfigureAwait(false);
                        break;
                    case DateTimeOffset t:
                        await importer.WriteAsync(t.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await importer.WriteAsync(value, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
