using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// Replace and delete of 四乱 sites (creation is <see cref="FeatureCreation"/>'s, shared with reports) with optimistic concurrency: every change names the version
/// it was made from and is refused when the site has moved on. Each change is audited and reports the
/// areas (old and new bounding boxes, EPSG:4490) whose tiles it makes stale.
/// </summary>
public static class SiteEdits
{
    public static async Task<EditOutcome> ReplaceAsync(NpgsqlDataSource dataSource, string code, int expectedVersion, FeatureRecord feature, string actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (site, refusal) = await EditSupport.LockVersionAsync(connection, tx, "Edit/site_lock.sql", code, expectedVersion, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var category = DomainLabels.Key(DomainLabels.Parse<SiteCategory>(feature.Properties["category"]!.ToString()!)!.Value);
        var geometry = feature.Geometry!.Copy();
        geometry.SRID = 4490;
        await using var update = new NpgsqlCommand(SqlFiles.Read("Edit/site_replace.sql"), connection, tx)
        {
            Parameters = { new() { Value = site.Id }, new() { Value = category }, new() { Value = feature.Properties["description"]!.ToString()! }, new() { Value = geometry } },
        };
        var version = (int)(await update.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        await EditSupport.RecordStatusAsync<SiteStatus>(connection, tx, "Edit/site_event.sql", site.Id, feature, ct).ConfigureAwait(false);

        await EditSupport.AuditAsync(connection, tx, actor, "replace", "sites", code, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return EditOutcome.Done(code, version, [site.Box, feature.Geometry!.EnvelopeInternal]);
    }

    public static async Task<EditOutcome> DeleteAsync(NpgsqlDataSource dataSource, string code, int expectedVersion, string actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (site, refusal) = await EditSupport.LockVersionAsync(connection, tx, "Edit/site_lock.sql", code, expectedVersion, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        await using (var delete = new NpgsqlCommand(SqlFiles.Read("Edit/site_delete.sql"), connection, tx) { Parameters = { new() { Value = site.Id } } })
        {
            await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await EditSupport.AuditAsync(connection, tx, actor, "delete", "sites", code, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return EditOutcome.Done(code, site.Version, [site.Box]);
    }

    /// <summary>The site as a feature (geometry, category, description, status) and its version, or null when there is none.</summary>
    public static async Task<(FeatureRecord Feature, int Version)?> ReadAsync(NpgsqlDataSource dataSource, string code, CancellationToken ct)
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
}
