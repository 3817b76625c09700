using GeoGrid.Core.Access;
using GeoGrid.Core.Coverage;
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
    public sealed record PlanGrid(string Code, string Name, int Households, Polygon Geometry);

    public sealed record Plan(Guid Id, string Title, string Author, string ParentCode, string Status, int Revision, DateTimeOffset CreatedAt, DateTimeOffset? AppliedAt,
        Geometry ParentGeometry, int ParentLevel, string ParentArea, long ParentId, bool ChildrenHaveChildren, IReadOnlyList<PlanGrid> Children)
    {
        public IReadOnlyList<CoverageCheck.Child> Coverage => Children.Select(c => new CoverageCheck.Child(c.Code, c.Geometry)).ToList();
    }

    public sealed record ApplyResult(bool Applied, IReadOnlyList<(string Code, string What)> Stale, IReadOnlyList<Envelope> Touched, long ReportsMoved, long SitesMoved);

    /// <summary>Opens a draft over the children of <paramref name="parentCode"/>; null when there is no such grid.</summary>
    public async Task<Guid?> OpenAsync(string parentCode, string title, Actor actor, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Plans/open.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = parentCode });
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

    public async Task<Plan?> ReadAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await ReadAsync(connection, null, id, ct).ConfigureAwait(false);
    }

    /// <summary>Writes the plan's children whole, from the revision they were made from; false when the plan moved on meanwhile (or was applied).</summary>
    public async Task<bool> SaveAsync(Guid id, int revision, IReadOnlyList<PlanGrid> children, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (await SqlCommands.ScalarAsync(connection, tx, "Plans/revise.sql", ct, id, revision).ConfigureAwait(false) is null)
        {
            return false;
        }

        await SqlCommands.ScalarAsync(connection, tx, "Plans/clear.sql", ct, id).ConfigureAwait(false);
        foreach (var c in children)
        {
            await SqlCommands.ScalarAsync(connection, tx, "Plans/child_add.sql", ct, id, c.Code, c.Name, c.Households, Stored(c.Geometry)).ConfigureAwait(false);
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
    public async Task<string?> PreviewAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await SqlCommands.ScalarAsync(connection, null, "Plans/preview.sql", ct, id).ConfigureAwait(false) as string;
    }

    /// <summary>
    /// Applies a draft whose rules <paramref name="stillHolds"/> confirms against the parent as it is now.
    /// Stale (children changed since the plan began) answers what changed and writes nothing.
    /// </summary>
    public async Task<ApplyResult?> ApplyAsync(Guid id, Actor actor, Func<Plan, bool> stillHolds, CancellationToken ct)
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
        await using (var lockKids = new NpgsqlCommand("SELECT id FROM grids WHERE parent_id = $1 ORDER BY id FOR UPDATE", connection, tx) { Parameters = { new() { Value = plan.ParentId } } })
        {
            await lockKids.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var stale = new List<(string, string)>();
        await using (var check = new NpgsqlCommand(SqlFiles.Read("Plans/stale.sql"), connection, tx) { Parameters = { new() { Value = id } } })
        await using (var reader = await check.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                stale.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (stale.Count > 0 || !stillHolds(plan))
        {
            return new ApplyResult(false, stale, [], 0, 0);
        }

        var current = new Dictionary<string, (string Name, int Households, Geometry Geometry, int Version)>();
        await using (var read = new NpgsqlCommand("SELECT code, name, households, geom, version FROM grids WHERE parent_id = $1", connection, tx) { Parameters = { new() { Value = plan.ParentId } } })
        await using (var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                current[reader.GetString(0)] = (reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<Geometry>(3), reader.GetInt32(4));
            }
        }

        await SqlCommands.ScalarAsync(connection, tx, "Plans/applied.sql", ct, id).ConfigureAwait(false);
        var touched = new List<Envelope>();
        var removed = current.Keys.Where(k => plan.Children.All(c => c.Code != k)).ToArray();
        foreach (var child in plan.Children)
        {
            if (current.TryGetValue(child.Code, out var was))
            {
                if (was.Name == child.Name && was.Households == child.Households && was.Geometry.EqualsTopologically(child.Geometry))
                {
                    continue;
                }

                await SqlCommands.ScalarAsync(connection, tx, "Plans/apply_change.sql", ct, child.Code, child.Name, child.Households, Stored(child.Geometry)).ConfigureAwait(false);
                touched.Add(was.Geometry.EnvelopeInternal);
                await AuditAsync(connection, tx, actor, "plan change", child.Code, child.Geometry, Snapshot(child.Code, was.Name, was.Households, was.Geometry), Snapshot(child.Code, child.Name, child.Households, child.Geometry), id, ct).ConfigureAwait(false);
            }
            else
            {
                await SqlCommands.ScalarAsync(connection, tx, "Plans/apply_add.sql", ct, child.Code, child.Name, child.Households, Stored(child.Geometry), plan.ParentId).ConfigureAwait(false);
                await AuditAsync(connection, tx, actor, "plan add", child.Code, child.Geometry, null, Snapshot(child.Code, child.Name, child.Households, child.Geometry), id, ct).ConfigureAwait(false);
            }

            touched.Add(child.Geometry.EnvelopeInternal);
        }

        await SqlCommands.ScalarAsync(connection, tx, "Plans/apply_workers.sql", ct, plan.ParentId, removed).ConfigureAwait(false);
        long reports = 0, sites = 0;
        await using (var move = new NpgsqlCommand(SqlFiles.Read("Plans/apply_reattribute.sql"), connection, tx) { Parameters = { new() { Value = plan.ParentId }, new() { Value = removed } } })
        await using (var reader = await move.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            (reports, sites) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        foreach (var code in removed)
        {
            var was = current[code];
            touched.Add(was.Geometry.EnvelopeInternal);
            await AuditAsync(connection, tx, actor, "plan remove", code, was.Geometry, Snapshot(code, was.Name, was.Households, was.Geometry), null, id, ct).ConfigureAwait(false);
        }

        await SqlCommands.ScalarAsync(connection, tx, "Plans/apply_remove.sql", ct, plan.ParentId, removed).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        await Tiles.TileShapes.RefreshTableAsync(dataSource, "grids", ct).ConfigureAwait(false);
        return new ApplyResult(true, [], touched, reports, sites);
    }

    private static string Snapshot(string code, string name, int households, Geometry geometry) =>
        System.Text.Json.JsonSerializer.Serialize(new { code, name, households, area_m2 = Math.Round(Core.Measure.Geodesic.AreaSquareMetres(geometry)) });

    private static Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Actor actor, string action, string code, Geometry place, string? before, string? after, Guid plan, CancellationToken ct) =>
        EditSupport.AuditAsync(connection, tx, actor, action, "grids", code, place, before, after, ct, System.Text.Json.JsonSerializer.Serialize(new { plan }));

    private static Geometry Stored(Geometry g)
    {
        var copy = g.Copy();
        copy.SRID = 4490;
        return copy;
    }

    private static async Task<Plan?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid id, CancellationToken ct)
    {
        Plan plan;
        await using (var cmd = new NpgsqlCommand(SqlFiles.Read("Plans/parent.sql"), connection, tx) { Parameters = { new() { Value = id } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            plan = new Plan(id, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<Geometry>(7), reader.GetInt16(8), reader.GetString(9), reader.GetInt64(10), reader.GetBoolean(11), []);
        }

        var children = new List<PlanGrid>();
        await using (var cmd = new NpgsqlCommand(SqlFiles.Read("Plans/children.sql"), connection, tx) { Parameters = { new() { Value = id } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                children.Add(new PlanGrid(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<Polygon>(3)));
            }
        }

        return plan with { Children = children };
    }
}
