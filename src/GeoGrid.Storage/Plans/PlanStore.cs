using GeoGrid.Core.Access;
using GeoGrid.Core.Planning;
using GeoGrid.Storage.Access;
using GeoGrid.Storage.Features;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Plans;

/// <summary>
/// Plans of redrawn grids: a draft copy of a parent's children, changed whole at each operation (the
/// server checks the new children with the plan rules first) from the revision it was read at, and
/// applied at once — refused when any child changed since the plan began. Applying writes the grids
/// (their history with them), moves workers of removed grids, re-attributes reports and sites, and
/// audits every grid, in one transaction.
/// </summary>
public sealed class PlanStore(NpgsqlDataSource dataSource)
{
    /// <summary>A plan: its root (a grid, or an administrative area) and every grid below it as drawn now.</summary>
    public sealed record Plan(Guid Id, string Title, string Author, string RootCode, string RootKind, string Status, int Revision, DateTimeOffset CreatedAt, DateTimeOffset? AppliedAt,
        Geometry RootGeometry, string RootArea, IReadOnlyList<PlanGrid> Grids)
    {
        /// <summary>The grids whose head and workers the plan names, with the list as JSON ([{name, role, phone}]).</summary>
        public IReadOnlyDictionary<string, string> Workers { get; init; } = new Dictionary<string, string>();

        public PlanTree Tree => new(RootGeometry, Grids);

        /// <summary>The root's children.</summary>
        public IReadOnlyList<PlanGrid> Children => Grids.Where(g => g.Parent is null).ToList();
    }

    public sealed record ApplyResult(bool Applied, IReadOnlyList<(string Code, string What)> Stale, PlanRefusal? Refusal, IReadOnlyList<Envelope> Touched, long ReportsMoved, long SitesMoved);

    /// <summary>
    /// Opens a draft over every grid below <paramref name="rootCode"/> — a grid's code, or with
    /// <paramref name="area"/> an administrative area's (a district, a town) — null when there is no such grid or area.
    /// </summary>
    public async Task<Guid?> OpenAsync(string rootCode, bool area, string title, Actor actor, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Plans/open.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = rootCode });
        cmd.Parameters.Add(new NpgsqlParameter { Value = area ? "area" : "grid" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = title });
        cmd.Parameters.Add(new NpgsqlParameter { Value = actor.Name });
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as Guid?;
    }

    /// <summary>A new draft that takes the parent of an applied plan back to how it was before; null unless that plan was applied.</summary>
    public async Task<Guid?> RevertAsync(Guid applied, string title, Actor actor, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Plans/revert.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = applied });
        cmd.Parameters.Add(new NpgsqlParameter { Value = title });
        cmd.Parameters.Add(new NpgsqlParameter { Value = actor.Name });
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as Guid?;
    }

    /// <summary>The plan; without <paramref name="withGrids"/> only its root and state (a district's plan holds a thousand grids and more, which a tile or an access check does not need).</summary>
    public async Task<Plan?> ReadAsync(Guid id, CancellationToken ct, bool withGrids = true)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await ReadAsync(connection, null, id, ct, withGrids).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the plan's grids whole (and, given, the head and workers it names for one grid: a JSON array
    /// of {name, role, phone}), from the revision they were made from; false when the plan moved on
    /// meanwhile (or was applied).
    /// </summary>
    public async Task<bool> SaveAsync(Guid id, int revision, IReadOnlyList<PlanGrid> grids, CancellationToken ct, (string Code, string Json)? workers = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (await SqlCommands.ScalarAsync(connection, tx, "Plans/revise.sql", ct, id, revision).ConfigureAwait(false) is null)
        {
            return false;
        }

        await SqlCommands.ScalarAsync(connection, tx, "Plans/clear.sql", ct, id).ConfigureAwait(false);
        // A district's plan holds a thousand grids and more: one COPY, not a round trip each.
        await using (var copy = await connection.BeginBinaryImportAsync(SqlFiles.Read("Plans/child_copy.sql"), ct).ConfigureAwait(false))
        {
            foreach (var g in grids)
            {
                await copy.StartRowAsync(ct).ConfigureAwait(false);
                await copy.WriteAsync(id, ct).ConfigureAwait(false);
                await copy.WriteAsync(g.Code, ct).ConfigureAwait(false);
                await copy.WriteAsync(g.Name, ct).ConfigureAwait(false);
                await copy.WriteAsync(g.Households, ct).ConfigureAwait(false);
                await copy.WriteAsync(Stored(g.Geometry), ct).ConfigureAwait(false);
                if (g.Parent is null)
                {
                    await copy.WriteNullAsync(ct).ConfigureAwait(false);
                }
                else
                {
                    await copy.WriteAsync(g.Parent, ct).ConfigureAwait(false);
                }

                if (g.Population is { } population)
                {
                    await copy.WriteAsync(population, ct).ConfigureAwait(false);
                }
                else
                {
                    await copy.WriteNullAsync(ct).ConfigureAwait(false);
                }
            }

            await copy.CompleteAsync(ct).ConfigureAwait(false);
        }

        if (workers is { } named)
        {
            await SqlCommands.ScalarAsync(connection, tx, "Plans/workers_set.sql", ct, id, named.Code, named.Json).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DiscardAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await SqlCommands.ScalarAsync(connection, null, "Plans/discard.sql", ct, id).ConfigureAwait(false) is true;
    }

    /// <summary>A vector tile (EPSG:3857, z/x/y) of the plan: layers "plan" and "removed".</summary>
    public async Task<byte[]> TileAsync(Guid id, int z, int x, int y, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Plans/tile.sql"));
        foreach (var value in new object[] { z, x, y, id })
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (byte[])(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Where the reports of the last 12 months inside <paramref name="area"/> were made (lon/lat).</summary>
    public async Task<IReadOnlyList<(double X, double Y)>> ReportPointsAsync(Geometry area, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Plans/report_points.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = Stored(area) });
        var points = new List<(double, double)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            points.Add((reader.GetDouble(0), reader.GetDouble(1)));
        }

        return points;
    }

    /// <summary>The plan's preview against the current grids, as JSON (see Plans/preview.sql).</summary>
    /// <summary>When the grids changed and by how much (JSON: <c>since</c>, <c>changes</c> [{at, plan, grids}]).</summary>
    public async Task<string> ChangesAsync(CancellationToken ct) =>
        (string)(await SqlCommands.ScalarAsync(dataSource, "Plans/changes.sql", ct).ConfigureAwait(false))!;

    public async Task<string?> PreviewAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await SqlCommands.ScalarAsync(connection, null, "Plans/preview.sql", ct, id).ConfigureAwait(false) as string;
    }

    /// <summary>
    /// Applies a draft that <paramref name="check"/> finds sound against the grids as they are now (null:
    /// no fault it adds). Stale (grids below the root changed since the plan began) or refused answers
    /// why, and writes nothing.
    /// </summary>
    public async Task<ApplyResult?> ApplyAsync(Guid id, Actor actor, Func<PlanTree, PlanTree, PlanRefusal?> check, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var lockPlan = new NpgsqlCommand("SELECT 1 FROM plans WHERE id = $1 AND status = 'draft' FOR UPDATE", connection, tx) { Parameters = { new() { Value = id } } })
        {
            if (await lockPlan.ExecuteScalarAsync(ct).ConfigureAwait(false) is null)
            {
                return null;
            }
        }

        var plan = (await ReadAsync(connection, tx, id, ct).ConfigureAwait(false))!;
        await SqlCommands.ScalarAsync(connection, tx, "Plans/lock.sql", ct, id).ConfigureAwait(false);
        var stale = new List<(string, string)>();
        await using (var cmd = new NpgsqlCommand(SqlFiles.Read("Plans/stale.sql"), connection, tx) { Parameters = { new() { Value = id } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                stale.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (stale.Count > 0)
        {
            return new ApplyResult(false, stale, null, [], 0, 0);
        }

        var current = new Dictionary<string, (PlanGrid Grid, long Id)>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(SqlFiles.Read("Plans/current.sql"), connection, tx) { Parameters = { new() { Value = id } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var geometry = reader.GetFieldValue<Geometry>(3);
                current[reader.GetString(0)] = (new PlanGrid(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), geometry as Polygon ?? (Polygon)geometry.GetGeometryN(0), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(8) ? null : reader.GetInt32(8)), reader.GetInt64(6));
            }
        }

        if (check(plan.Tree, new PlanTree(plan.RootGeometry, current.Values.Select(c => c.Grid).ToList())) is { } refusal)
        {
            return new ApplyResult(false, [], refusal, [], 0, 0);
        }

        await SqlCommands.ScalarAsync(connection, tx, "Plans/applied.sql", ct, id).ConfigureAwait(false);
        var touched = new List<Envelope>();
        var reshaped = new List<long>();
        // Parents before their children: a new grid's parent may be new too.
        var tree = plan.Tree;
        foreach (var grid in plan.Grids.Where(g => !current.ContainsKey(g.Code)).OrderBy(tree.Depth))
        {
            await SqlCommands.ScalarAsync(connection, tx, "Plans/apply_add.sql", ct, grid.Code, grid.Name, grid.Households, Stored(grid.Geometry), (object?)grid.Parent ?? DBNull.Value, id, (object?)grid.Population ?? DBNull.Value).ConfigureAwait(false);
            touched.Add(grid.Geometry.EnvelopeInternal);
            await AuditAsync(connection, tx, actor, "plan add", grid.Code, grid.Geometry, null, Snapshot(grid), id, ct).ConfigureAwait(false);
        }

        foreach (var grid in plan.Grids)
        {
            if (!current.TryGetValue(grid.Code, out var was)
                || (was.Grid.Name == grid.Name && was.Grid.Households == grid.Households && was.Grid.Population == grid.Population && was.Grid.Parent == grid.Parent && was.Grid.Geometry.EqualsTopologically(grid.Geometry)))
            {
                continue;
            }

            await SqlCommands.ScalarAsync(connection, tx, "Plans/apply_change.sql", ct, grid.Code, grid.Name, grid.Households, Stored(grid.Geometry), (object?)grid.Parent ?? DBNull.Value, id, (object?)grid.Population ?? DBNull.Value).ConfigureAwait(false);
            if (!was.Grid.Geometry.EqualsTopologically(grid.Geometry))
            {
                reshaped.Add(was.Id);
                touched.Add(was.Grid.Geometry.EnvelopeInternal);
                touched.Add(grid.Geometry.EnvelopeInternal);
            }

            await AuditAsync(connection, tx, actor, "plan change", grid.Code, grid.Geometry, Snapshot(was.Grid), Snapshot(grid), id, ct).ConfigureAwait(false);
        }

        var removed = current.Keys.Where(k => tree.Find(k) is null).ToArray();
        await SqlCommands.ScalarAsync(connection, tx, "Plans/apply_workers.sql", ct, (object)removed).ConfigureAwait(false);
        // The heads and workers the plan names replace the grids' own (after the structural changes, so
        // also those a removed grid's workers followed into).
        foreach (var (code, workers) in plan.Workers.Where(w => tree.Find(w.Key) is not null))
        {
            var before = (string?)await SqlCommands.ScalarAsync(connection, tx, "Plans/workers_of.sql", ct, code).ConfigureAwait(false);
            await SqlCommands.ScalarAsync(connection, tx, "Plans/apply_workers_set.sql", ct, code, workers).ConfigureAwait(false);
            await AuditAsync(connection, tx, actor, "plan workers", code, tree.Find(code)!.Geometry, before, workers, id, ct).ConfigureAwait(false);
            // Tiles carry each grid's number of workers.
            touched.Add(tree.Find(code)!.Geometry.EnvelopeInternal);
        }

        long reports = 0, sites = 0;
        await using (var move = new NpgsqlCommand(SqlFiles.Read("Plans/apply_reattribute.sql"), connection, tx) { Parameters = { new() { Value = reshaped.Concat(removed.Select(r => current[r].Id)).ToArray() }, new() { Value = removed } } })
        await using (var reader = await move.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            (reports, sites) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        foreach (var code in removed)
        {
            var was = current[code].Grid;
            touched.Add(was.Geometry.EnvelopeInternal);
            await AuditAsync(connection, tx, actor, "plan remove", code, was.Geometry, Snapshot(was), null, id, ct).ConfigureAwait(false);
        }

        await SqlCommands.ScalarAsync(connection, tx, "Plans/apply_remove.sql", ct, (object)removed).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        await Tiles.TileShapes.RefreshTableAsync(dataSource, "grids", ct).ConfigureAwait(false);
        return new ApplyResult(true, [], null, touched, reports, sites);
    }

    private static string Snapshot(PlanGrid g) =>
        System.Text.Json.JsonSerializer.Serialize(new { code = g.Code, name = g.Name, households = g.Households, population = g.Population, parent = g.Parent, area_m2 = Math.Round(Core.Measure.Geodesic.AreaSquareMetres(g.Geometry)) });

    private static Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Actor actor, string action, string code, Geometry place, string? before, string? after, Guid plan, CancellationToken ct) =>
        EditSupport.AuditAsync(connection, tx, actor, action, "grids", code, place, before, after, ct, System.Text.Json.JsonSerializer.Serialize(new { plan }));

    private static Geometry Stored(Geometry g)
    {
        var copy = g.Copy();
        copy.SRID = 4490;
        return copy;
    }

    private static async Task<Plan?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid id, CancellationToken ct, bool withGrids = true)
    {
        Plan plan;
        await using (var cmd = new NpgsqlCommand(SqlFiles.Read("Plans/root.sql"), connection, tx) { Parameters = { new() { Value = id } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            plan = new Plan(id, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(9), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<Geometry>(7), reader.GetString(8), []);
        }

        if (!withGrids)
        {
            return plan;
        }

        var grids = new List<PlanGrid>();
        await using (var cmd = new NpgsqlCommand(SqlFiles.Read("Plans/children.sql"), connection, tx) { Parameters = { new() { Value = id } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                grids.Add(new PlanGrid(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<Polygon>(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt32(5)));
            }
        }

        var workers = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(SqlFiles.Read("Plans/workers.sql"), connection, tx) { Parameters = { new() { Value = id } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                workers[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return plan with { Grids = grids, Workers = workers };
    }
}
