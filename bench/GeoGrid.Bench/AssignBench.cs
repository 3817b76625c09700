using System.Diagnostics;
using GeoGrid.Core.Analysis.Responsibility;
using GeoGrid.Storage;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Bench;

/// <summary>
/// Bulk assignment of report points to grids: in-process (<see cref="GridAssigner"/>) against the same
/// point-in-polygon join in PostGIS (GiST index, parallel workers allowed), with the counts per grid compared.
/// </summary>
internal static class AssignBench
{
    public static async Task<Dictionary<string, object>> RunAsync(int points, int grids, string connectionString)
    {
        var side = Math.Sqrt(grids) * 150;
        var (_, cells) = Synthetic.Grids(grids, side, 2);
        var xy = Synthetic.Points(points, side, 3);

        var assigner = new GridAssigner(cells);
        assigner.LocateAll(xy[..10_000]);
        var clock = Stopwatch.StartNew();
        assigner = new GridAssigner(cells);
        var found = assigner.LocateAll(xy);
        var inProcess = clock.Elapsed.TotalSeconds;

        await using var dataSource = GeoGridDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await Execute(connection, "DROP TABLE IF EXISTS bench_grids, bench_points; CREATE UNLOGGED TABLE bench_grids (id int, geom geometry(Geometry, 4490)); CREATE UNLOGGED TABLE bench_points (id int, geom geometry(Point, 4490))");
        await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_grids (id, geom) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < cells.Count; i++)
            {
                cells[i].SRID = 4490;
                await copy.StartRowAsync();
                await copy.WriteAsync(i, NpgsqlDbType.Integer);
                await copy.WriteAsync(cells[i], NpgsqlDbType.Geometry);
            }

            await copy.CompleteAsync();
        }

        var factory = new GeometryFactory(new PrecisionModel(), 4490);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_points (id, geom) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < xy.Length; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(i, NpgsqlDbType.Integer);
                await copy.WriteAsync(factory.CreatePoint(xy[i]), NpgsqlDbType.Geometry);
            }

            await copy.CompleteAsync();
        }

        await Execute(connection, "CREATE INDEX ON bench_grids USING gist (geom); ANALYZE bench_grids; ANALYZE bench_points");
        clock.Restart();
        var perGrid = new Dictionary<int, long>();
        await using (var cmd = new NpgsqlCommand("SELECT g.id, count(*) FROM bench_points p JOIN bench_grids g ON ST_Intersects(g.geom, p.geom) GROUP BY g.id", connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                perGrid[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        var postgis = clock.Elapsed.TotalSeconds;
        await Execute(connection, "DROP TABLE bench_grids, bench_points");

        var ours = found.Where(f => f >= 0).GroupBy(f => f).ToDictionary(g => g.Key, g => (long)g.Count());
        // PostGIS counts a point on a shared border in both grids; GeoGrid gives it to one.
        var differing = perGrid.Keys.Union(ours.Keys).Count(k => perGrid.GetValueOrDefault(k) != ours.GetValueOrDefault(k));
        return new()
        {
            ["bench"] = "assign",
            ["points"] = points,
            ["grids"] = cells.Count,
            ["geogrid_s"] = Math.Round(inProcess, 3),
            ["postgis_s"] = Math.Round(postgis, 3),
            ["ratio"] = Math.Round(postgis / inProcess, 1),
            ["assigned"] = found.Count(f => f >= 0),
            ["grids_with_different_counts"] = differing,
        };
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
