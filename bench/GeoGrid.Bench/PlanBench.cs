using System.Diagnostics;
using GeoGrid.Core.Access;
using GeoGrid.Core.Coverage;
using GeoGrid.Core.Planning;
using GeoGrid.Storage;
using GeoGrid.Storage.Plans;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Bench;

/// <summary>
/// The planning issue's targets, in a throw-away database of the same cluster: one edit checked inside a
/// parent of 500 children (≤ 100 ms), a plan changing 50 grids applied (≤ 1 s), and an as-of read of
/// the grids against the current read (≤ 1.2×).
/// </summary>
internal static class PlanBench
{
    public static async Task<Dictionary<string, object>> RunAsync(int children, string connectionString)
    {
        var (parent, cells) = Synthetic.Grids(children, Math.Sqrt(children) * 300, 7);
        var polygons = cells.OfType<Polygon>().ToList();
        var rules = new PlanRules(SliverSquareMetres: 0, NeedleWidthMetres: 0);

        // One edit: split the largest child across its middle, then check all children.
        var target = polygons.OrderByDescending(p => p.Area).First();
        var e = target.EnvelopeInternal;
        var line = new GeometryFactory().CreateLineString([new Coordinate(e.Centre.X, e.MinY - 0.001), new Coordinate(e.Centre.X, e.MaxY + 0.001)]);
        var timings = new List<double>();
        var before = new PlanTree(parent, polygons.Select((p, i) => new PlanGrid($"c{i}", $"c{i}", 100, p)).ToList());
        var targetGrid = before.Grids.Single(g => g.Geometry == target);
        for (var round = 0; round < 11; round++)
        {
            // The API's path: the split, then the rules over the group it touched, before and after.
            var clock = Stopwatch.StartNew();
            var split = before.Split(targetGrid, line, rules.SnapDegrees);
            if (split.Refusal is { } refused)
            {
                throw new InvalidOperationException("the synthetic split was refused: " + refused.Reason);
            }

            if (new PlanTree(parent, split.Grids!).Check(rules, before) is { } broken)
            {
                throw new InvalidOperationException("the synthetic edit broke " + broken.Rule);
            }

            timings.Add(clock.Elapsed.TotalMilliseconds);
        }

        var database = "bench_plans_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = GeoGridDataSource.Create(connectionString))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {database}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await using var ds = GeoGridDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString);
            await Migrator.MigrateAsync(ds);
            await SeedAsync(ds, parent, polygons);

            var store = new PlanStore(ds);
            var actor = Actor.Cli("bench");
            var id = (await store.OpenAsync("B2", false, "bench", actor, CancellationToken.None))!.Value;
            var plan = (await store.ReadAsync(id, CancellationToken.None))!;
            // 25 pairs of neighbours merged: 25 grids changed and 25 removed, 50 in all.
            var left = plan.Children.ToDictionary(c => c.Code);
            var merged = 0;
            foreach (var a in plan.Children)
            {
                if (merged == 25 || !left.ContainsKey(a.Code))
                {
                    continue;
                }

                var b = left.Values.FirstOrDefault(c => c.Code != a.Code && c.Geometry.Relate(a.Geometry, "****1****"));
                if (b is null)
                {
                    continue;
                }

                left[a.Code] = a with { Geometry = (Polygon)a.Geometry.Union(b.Geometry), Households = a.Households + b.Households };
                left.Remove(b.Code);
                merged++;
            }

            await store.SaveAsync(id, plan.Revision, left.Values.ToList(), CancellationToken.None);
            var clock = Stopwatch.StartNew();
            var result = await store.ApplyAsync(id, actor, (next, now) => next.Check(rules, now), CancellationToken.None);
            var apply = clock.Elapsed.TotalSeconds;
            if (result is not { Applied: true })
            {
                throw new InvalidOperationException("the bench plan did not apply");
            }

            var (current, asOf) = await ReadsAsync(ds);
            return new()
            {
                ["children"] = polygons.Count,
                ["edit_check_ms_median"] = Math.Round(timings.Skip(1).Order().ElementAt(timings.Count / 2 - 1), 1),
                ["apply_grids_changed"] = merged * 2,
                ["apply_s"] = Math.Round(apply, 3),
                ["current_read_ms"] = Math.Round(current, 2),
                ["as_of_read_ms"] = Math.Round(asOf, 2),
                ["as_of_ratio"] = Math.Round(asOf / current, 2),
            };
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = GeoGridDataSource.Create(connectionString);
            await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task SeedAsync(NpgsqlDataSource ds, Geometry parent, IReadOnlyList<Polygon> cells)
    {
        parent.SRID = 4490;
        await using var connection = await ds.OpenConnectionAsync();
        foreach (var sql in new[]
        {
            "INSERT INTO admin_areas (code, name, level, geom) VALUES ('410182', '荥阳市', 'district', ST_Multi($1))",
            "INSERT INTO grids (code, name, level, area_code, geom) VALUES ('B1', '基准一级', 1, '410182', $1)",
            "INSERT INTO grids (code, name, level, parent_id, area_code, geom) SELECT 'B2', '基准二级', 2, id, '410182', $1 FROM grids WHERE code = 'B1'",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parent } } };
            await cmd.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < cells.Count; i++)
        {
            cells[i].SRID = 4490;
            await using var cmd = new NpgsqlCommand("INSERT INTO grids (code, name, level, parent_id, area_code, households, geom) SELECT $1, $1, 3, id, '410182', 100, $2 FROM grids WHERE code = 'B2'", connection)
            {
                Parameters = { new() { Value = $"B3-{i:D4}" }, new() { Value = cells[i] } },
            };
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Median of 21 reads of all level-3 grids' codes and areas: from the table, and as of now from the history.</summary>
    private static async Task<(double Current, double AsOf)> ReadsAsync(NpgsqlDataSource ds)
    {
        async Task<double> Median(string sql)
        {
            var times = new List<double>();
            for (var i = 0; i < 21; i++)
            {
                await using var cmd = ds.CreateCommand(sql);
                var clock = Stopwatch.StartNew();
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }

                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            return times.Order().ElementAt(10);
        }

        return (await Median("SELECT t.code, ST_Area(t.geom::geography), ST_AsGeoJSON(t.geom) FROM grids t WHERE t.level = 3"),
                await Median("SELECT t.code, ST_Area(t.geom::geography), ST_AsGeoJSON(t.geom) FROM grids_at(now()) t WHERE t.level = 3"));
    }
}
