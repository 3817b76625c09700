using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using GeoGrid.Core.Lifecycle;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// Changes of 四乱 sites (creation is <see cref="FeatureCreation"/>'s, shared with reports): replace,
/// delete and lifecycle steps. Every change locks the site, checks the version it was made from, the
/// actor's areas (where the site is and where it goes) and, for a step, <see cref="SiteLifecycle"/>
/// against the site's history; then writes, records the event with its actor and audits before and
/// after, all in one transaction. Each reports the areas (old and new boxes, EPSG:4490) whose tiles it makes stale.
/// </summary>
public static class SiteEdits
{
    /// <summary>A lifecycle step asked for: the new status, a note, and for a duplicate the site it repeats.</summary>
    public sealed record Step(SiteStatus Status, string Note, string? DuplicateOf = null);

    internal static async Task<EditOutcome> ReplaceAsync(NpgsqlDataSource dataSource, string code, int expectedVersion, FeatureRecord feature, Actor actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (site, refusal) = await EditSupport.LockVersionAsync(connection, tx, "Edit/site_lock.sql", code, expectedVersion, ct).ConfigureAwait(false);
        if (refusal is not null || (refusal = await EditSupport.AreaRefusalAsync(connection, tx, actor, ct, site.Geometry, feature.Geometry!).ConfigureAwait(false)) is not null)
        {
            return refusal;
        }

        var before = await EditSupport.SnapshotAsync(connection, tx, "Edit/site_snapshot.sql", site.Id, ct).ConfigureAwait(false);
        var category = DomainLabels.Key(DomainLabels.Parse<SiteCategory>(feature.Properties["category"]!.ToString()!)!.Value);
        var geometry = feature.Geometry!.Copy();
        geometry.SRID = 4490;
        await using (var update = new NpgsqlCommand(SqlFiles.Read("Edit/site_replace.sql"), connection, tx)
        {
            Parameters = { new() { Value = site.Id }, new() { Value = category }, new() { Value = feature.Properties["description"]!.ToString()! }, new() { Value = geometry } },
        })
        {
            await update.ExecuteScalarAsync(ct).ConfigureAwait(false);
        }

        var version = site.Version + 1;
        if (feature.Properties.GetValueOrDefault("status")?.ToString() is { Length: > 0 } text && DomainLabels.Parse<SiteStatus>(text) is { } status)
        {
            // The replace moved the version already; the step adds its event only.
            var (_, stepRefusal) = await StepAsync(connection, tx, site.Id, new Step(status, "编辑"), actor, ct, sameIsNoStep: true, bump: false).ConfigureAwait(false);
            if (stepRefusal is not null)
            {
                return stepRefusal;
            }
        }

        var after = await EditSupport.SnapshotAsync(connection, tx, "Edit/site_snapshot.sql", site.Id, ct).ConfigureAwait(false);
        await EditSupport.AuditAsync(connection, tx, actor, "replace", "sites", code, feature.Geometry, before, after, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return EditOutcome.Done(code, version, [site.Box, feature.Geometry!.EnvelopeInternal]);
    }

    /// <summary>Records a lifecycle step (POST …/sites/items/{id}/events): checked against the role, the lifecycle and 立拆立清; no version needed, as the step is checked against the locked current state.</summary>
    internal static async Task<EditOutcome> MoveAsync(NpgsqlDataSource dataSource, string code, Step step, Actor actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (site, refusal) = await EditSupport.LockVersionAsync(connection, tx, "Edit/site_lock.sql", code, null, ct).ConfigureAwait(false);
        if (refusal is not null || (refusal = await EditSupport.AreaRefusalAsync(connection, tx, actor, ct, site.Geometry).ConfigureAwait(false)) is not null)
        {
            return refusal;
        }

        if (step.DuplicateOf == code)
        {
            return EditOutcome.Refused([new ImportProblem(1, "duplicate_of", "a site is not a duplicate of itself")]);
        }

        var before = await EditSupport.SnapshotAsync(connection, tx, "Edit/site_snapshot.sql", site.Id, ct).ConfigureAwait(false);
        var (version, stepRefusal) = await StepAsync(connection, tx, site.Id, step, actor, ct).ConfigureAwait(false);
        if (stepRefusal is not null)
        {
            return stepRefusal;
        }

        var after = await EditSupport.SnapshotAsync(connection, tx, "Edit/site_snapshot.sql", site.Id, ct).ConfigureAwait(false);
        await EditSupport.AuditAsync(connection, tx, actor, "step " + DomainLabels.Key(step.Status), "sites", code, site.Geometry, before, after, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return EditOutcome.Done(code, version, [site.Box]);
    }

    internal static async Task<EditOutcome> DeleteAsync(NpgsqlDataSource dataSource, string code, int expectedVersion, Actor actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (site, refusal) = await EditSupport.LockVersionAsync(connection, tx, "Edit/site_lock.sql", code, expectedVersion, ct).ConfigureAwait(false);
        if (refusal is not null || (refusal = await EditSupport.AreaRefusalAsync(connection, tx, actor, ct, site.Geometry).ConfigureAwait(false)) is not null)
        {
            return refusal;
        }

        var before = await EditSupport.SnapshotAsync(connection, tx, "Edit/site_snapshot.sql", site.Id, ct).ConfigureAwait(false);
        await using (var delete = new NpgsqlCommand(SqlFiles.Read("Edit/site_delete.sql"), connection, tx) { Parameters = { new() { Value = site.Id } } })
        {
            await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await EditSupport.AuditAsync(connection, tx, actor, "delete", "sites", code, site.Geometry, before, null, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return EditOutcome.Done(code, site.Version, [site.Box]);
    }

    /// <summary>The site as a feature (geometry, category, description, status) and its version, or null when there is none.</summary>
    internal static async Task<(FeatureRecord Feature, int Version)?> ReadAsync(NpgsqlDataSource dataSource, string code, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Edit/site_read.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = code });
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var properties = new Dictionary<string, object?> { ["category"] = reader.GetString(1), ["description"] = reader.GetString(2), ["status"] = reader.GetString(3) };
        return (new FeatureRecord(1, reader.GetFieldValue<Geometry>(0), properties), reader.GetInt32(4));
    }

    /// <summary>The current version of a site, or null when there is none.</summary>
    public static Task<int?> VersionAsync(NpgsqlDataSource dataSource, string code, CancellationToken ct) => EditSupport.VersionAsync(dataSource, "Edit/site_version.sql", code, ct);

    /// <summary>
    /// Checks and records one step on a locked site: the new version, or why not. With
    /// <paramref name="sameIsNoStep"/> (a PUT that keeps the status) a step to the status the site has
    /// records nothing and leaves the version to the caller (0); without <paramref name="bump"/> the
    /// caller has moved the version already.
    /// </summary>
    private static async Task<(int Version, EditOutcome? Refusal)> StepAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long siteId, Step step, Actor actor, CancellationToken ct,
        bool sameIsNoStep = false, bool bump = true)
    {
        var history = new List<SiteStatus>();
        await using (var cmd = new NpgsqlCommand(SqlFiles.Read("Edit/site_history.sql"), connection, tx) { Parameters = { new() { Value = siteId } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                history.Add(DomainLabels.Parse<SiteStatus>(reader.GetString(0))!.Value);
            }
        }

        var current = history.Count > 0 ? history[^1] : SiteStatus.Found;
        if (sameIsNoStep && current == step.Status)
        {
            return (0, null);
        }

        if (SiteLifecycle.Check(current, step.Status, actor.Role, history) is { } no)
        {
            return (0, EditSupport.Refusal(no));
        }

        if (step.Status == SiteStatus.Duplicate)
        {
            await using var exists = new NpgsqlCommand(SqlFiles.Read("Edit/site_code_exists.sql"), connection, tx) { Parameters = { new() { Value = step.DuplicateOf ?? "" } } };
            if (step.DuplicateOf is null || await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not true)
            {
                return (0, EditOutcome.Refused([new ImportProblem(1, "duplicate_of", step.DuplicateOf is null ? "a duplicate names the site it repeats (duplicate_of)" : $"no site has the code '{step.DuplicateOf}'")]));
            }
        }

        await EditSupport.InsertEventAsync(connection, tx, "Edit/site_event.sql", siteId, DomainLabels.Key(step.Status), step.Note, actor, ct).ConfigureAwait(false);
        if (!bump)
        {
            return (0, null);
        }

        await using var bumped = new NpgsqlCommand(SqlFiles.Read("Edit/site_bump.sql"), connection, tx)
        {
            Parameters = { new() { Value = siteId }, new() { Value = (object?)step.DuplicateOf ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } },
        };
        return ((int)(await bumped.ExecuteScalarAsync(ct).ConfigureAwait(false))!, null);
    }
}
