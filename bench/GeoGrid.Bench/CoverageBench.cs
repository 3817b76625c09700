using System.Diagnostics;
using GeoGrid.Core.Coverage;
using GeoGrid.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Bench;

/// <summary>
/// The coverage check of one parent with N children (a generated clean coverage with one grid removed),
/// in-process against the same two questions put to PostGIS: which pairs overlap (interiors meet), and
/// what of the parent the union leaves uncovered.
/// </summary>
internal static class CoverageBench
{
    public static async Task<Dictionary<string, object>> RunAsync(int grids, string connectionString)
    {
        var (parent, cells) = Synthetic.Grids(grids, Math.Sqrt(grids) * 150, 1);
        // One grid left out, so the check has a gap to find and cannot shortcut.
        var children = cells.Skip(1).Select((g, i) => new CoverageCheck.Child($"G{i:D6}", g, 1)).ToList();
        CoverageCheck.Check(parent, children.Take(500).ToList());
        var clock = Stopwatch.StartNew();
        var problems = CoverageCheck.Check(parent, children);
        var seconds = clock.Elapsed.TotalSeconds;

        await using var dataSource = GeoGridDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await Execute(connection, "DROP TABLE IF EXISTS bench_coverage; CREATE UNLOGGED TABLE bench_coverage (id int, geom geometry(Geometry, 4490))");
        await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_coverage (id, geom) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < children.Count; i++)
            {
                children[i].Geometry.SRID = 4490;
                await copy.StartRowAsync();
                await copy.WriteAsync(i, NpgsqlDbType.Integer);
                await copy.WriteAsync(children[i].Geometry, NpgsqlDbType.Geometry);
            }

            await copy.CompleteAsync();
        }

        await Execute(connection, "CREATE INDEX ON bench_coverage USING gist (geom); ANALYZE bench_coverage");
        parent.SRID = 4490;
        clock.Restart();
        long overlaps;
        await using (var cmd = new NpgsqlCommand("SELECT count(*) FROM bench_coverage a JOIN bench_coverage b ON a.id < b.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********')", connection) { CommandTimeout = 0 })
        {
            overlaps = (long)(await cmd.ExecuteScalarAsync())!;
        }

        double gapArea;
        await using (var cmd = new NpgsqlCommand("SELECT ST_Area(ST_Difference($1, ST_Union(geom))::geography) FROM bench_coverage", connection) { CommandTimeout = 0 })
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = parent, NpgsqlDbType = NpgsqlDbType.Geometry });
            gapArea = (double)(await cmd.ExecuteScalarAsync())!;
        }

        var postgis = clock.Elapsed.TotalSeconds;
        await Execute(connection, "DROP TABLE bench_coverage");
        return new()
        {
            ["bench"] = "coverage",
            ["grids"] = children.Count,
            ["seconds"] = Math.Round(seconds, 3),
            ["postgis_s"] = Math.Round(postgis, 3),
            ["ratio"] = Math.Round(postgis / seconds, 1),
            ["problems"] = problems.Count,
            ["gap_m2"] = Math.Round(problems.Where(p => p.Kind == CoverageProblemKind.Gap).Sum(p => p.AreaSquareMetres), 1),
            ["postgis_overlaps"] = overlaps,
            ["postgis_gap_m2"] = Math.Round(gapArea, 1),
        };
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
