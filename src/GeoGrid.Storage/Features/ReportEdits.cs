using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// Updates of 随手拍 reports: category and text, and a status change (分派, 处置中, 已办结) recorded as a
/// report event, from the version the editor read. The place stays: it is where the report was made.
/// </summary>
public static class ReportEdits
{
    public static async Task<(FeatureRecord Feature, int Version)?> ReadAsync(NpgsqlDataSource dataSource, string code, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Edit/report_read.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = code });
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var properties = new Dictionary<string, object?> { ["category"] = reader.GetString(1), ["text"] = reader.GetString(2) };
        return (new FeatureRecord(1, reader.GetFieldValue<Geometry>(0), properties), reader.GetInt32(3));
    }

    public static Task<int?> VersionAsync(NpgsqlDataSource dataSource, string code, CancellationToken ct) => EditSupport.VersionAsync(dataSource, "Edit/report_version.sql", code, ct);

    public static async Task<EditOutcome> UpdateAsync(NpgsqlDataSource dataSource, string code, int expectedVersion, FeatureRecord feature, string actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (report, refusal) = await EditSupport.LockVersionAsync(connection, tx, "Edit/report_lock.sql", code, expectedVersion, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var category = DomainLabels.Key(DomainLabels.Parse<ReportCategory>(feature.Properties["category"]!.ToString()!)!.Value);
        await using var update = new NpgsqlCommand(SqlFiles.Read("Edit/report_update.sql"), connection, tx)
        {
            Parameters = { new() { Value = report.Id }, new() { Value = category }, new() { Value = feature.Properties["text"]!.ToString()! } },
        };
        var version = (int)(await update.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        await EditSupport.RecordStatusAsync<ReportStatus>(connection, tx, "Edit/report_event.sql", report.Id, feature, ct).ConfigureAwait(false);

        await EditSupport.AuditAsync(connection, tx, actor, "update", "reports", code, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return EditOutcome.Done(code, version, [report.Box]);
    }
}
