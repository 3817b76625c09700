using System.Security.Cryptography;
using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using GeoGrid.Core.Lifecycle;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// Updates of 随手拍 reports: category and text, and a status step (分派, 处置中, 已办结) checked by
/// <see cref="ReportLifecycle"/> and recorded as an event, from the version the editor read, within
/// the editor's areas; and the reporter's withdrawal. The place stays: it is where the report was made.
/// </summary>
public static class ReportEdits
{
    internal static async Task<(FeatureRecord Feature, int Version)?> ReadAsync(NpgsqlDataSource dataSource, string code, CancellationToken ct)
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

    internal static async Task<EditOutcome> UpdateAsync(NpgsqlDataSource dataSource, string code, int expectedVersion, FeatureRecord feature, Actor actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (report, refusal) = await EditSupport.LockVersionAsync(connection, tx, "Edit/report_lock.sql", code, expectedVersion, ct).ConfigureAwait(false);
        if (refusal is not null || (refusal = await EditSupport.AreaRefusalAsync(connection, tx, actor, ct, report.Geometry).ConfigureAwait(false)) is not null)
        {
            return refusal;
        }

        var before = await EditSupport.SnapshotAsync(connection, tx, "Edit/report_snapshot.sql", report.Id, ct).ConfigureAwait(false);
        if (feature.Properties.GetValueOrDefault("status")?.ToString() is { Length: > 0 } text && DomainLabels.Parse<ReportStatus>(text) is { } status)
        {
            var current = DomainLabels.Parse<ReportStatus>((string)(await SqlCommands.ScalarAsync(connection, tx, "Edit/report_status.sql", ct, report.Id).ConfigureAwait(false))!)!.Value;
            if (ReportLifecycle.Check(current, status, actor.Role) is { } no)
            {
                return EditSupport.Refusal(no);
            }

            await EditSupport.InsertEventAsync(connection, tx, "Edit/report_event.sql", report.Id, DomainLabels.Key(status), "编辑", actor, ct).ConfigureAwait(false);
        }

        var category = DomainLabels.Key(DomainLabels.Parse<ReportCategory>(feature.Properties["category"]!.ToString()!)!.Value);
        var version = (int)(await SqlCommands.ScalarAsync(connection, tx, "Edit/report_update.sql", ct, report.Id, category, feature.Properties["text"]!.ToString()!).ConfigureAwait(false))!;
        var after = await EditSupport.SnapshotAsync(connection, tx, "Edit/report_snapshot.sql", report.Id, ct).ConfigureAwait(false);
        await EditSupport.AuditAsync(connection, tx, actor, "update", "reports", code, report.Geometry, before, after, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return EditOutcome.Done(code, version, [report.Box]);
    }

    /// <summary>
    /// The reporter withdraws their report: the signed-in user who filed it, or whoever holds the token
    /// its filing returned. Anyone else is refused (Forbidden) and a closed report stays (IllegalTransition).
    /// </summary>
    internal static async Task<EditOutcome> WithdrawAsync(NpgsqlDataSource dataSource, string code, Actor actor, string? token, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (report, refusal) = await EditSupport.LockVersionAsync(connection, tx, "Edit/report_lock.sql", code, null, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        string? reporter;
        byte[]? tokenHash;
        ReportStatus status;
        await using (var cmd = new NpgsqlCommand(SqlFiles.Read("Edit/report_withdraw_check.sql"), connection, tx) { Parameters = { new() { Value = report.Id } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            reporter = reader.IsDBNull(0) ? null : reader.GetString(0);
            tokenHash = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
            status = DomainLabels.Parse<ReportStatus>(reader.GetString(2))!.Value;
        }

        var byToken = token is not null && tokenHash is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), tokenHash);
        var byUser = actor.IsUser && reporter == actor.Name;
        if (!byToken && !byUser)
        {
            return EditOutcome.Forbidden("only the reporter withdraws a report: sign in as the user who filed it, or send the token its filing returned", []);
        }

        if (!ReportLifecycle.CanWithdraw(status))
        {
            return EditOutcome.IllegalTransition($"a report at {DomainLabels.Key(status)} ({DomainLabels.Zh(status)}) can no longer be withdrawn", []);
        }

        var before = await EditSupport.SnapshotAsync(connection, tx, "Edit/report_snapshot.sql", report.Id, ct).ConfigureAwait(false);
        await EditSupport.InsertEventAsync(connection, tx, "Edit/report_event.sql", report.Id, DomainLabels.Key(ReportStatus.Withdrawn), "撤回", actor, ct).ConfigureAwait(false);
        var version = (int)(await SqlCommands.ScalarAsync(connection, tx, "Edit/report_bump.sql", ct, report.Id).ConfigureAwait(false))!;
        var after = await EditSupport.SnapshotAsync(connection, tx, "Edit/report_snapshot.sql", report.Id, ct).ConfigureAwait(false);
        await EditSupport.AuditAsync(connection, tx, actor, "withdraw", "reports", code, report.Geometry, before, after, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return EditOutcome.Done(code, version, [report.Box]);
    }
}
