using GeoGrid.Core.Access;
using GeoGrid.Core.Import;
using GeoGrid.Storage.Catalog;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// The edit capability of Storage, as the server holds it: every write of a feature — create, 随手拍
/// intake, replace, patch, delete, a lifecycle step, a withdrawal, an attachment — goes through here to
/// the one edit pipeline (checked, written and audited with its actor in one transaction), and so do the
/// reads an edit needs (the current feature and version, the service extent a body is checked against,
/// the data version after a write). Handlers hold this, never a connection.
/// </summary>
public sealed class EditStore(NpgsqlDataSource dataSource, ReportIntake.DuplicateRule duplicates)
{
    public Task<EditOutcome> CreateAsync(ImportLayer layer, FeatureRecord feature, Actor actor, string? idempotencyKey, CancellationToken ct) =>
        FeatureCreation.CreateAsync(dataSource, layer, feature, actor, idempotencyKey, ct);

    /// <summary>A 随手拍 report: created, linked to a likely duplicate, routed; with the token that withdraws it.</summary>
    public Task<ReportIntake.Filed> FileReportAsync(FeatureRecord feature, Actor actor, string? idempotencyKey, CancellationToken ct) =>
        ReportIntake.FileAsync(dataSource, feature, actor, idempotencyKey, duplicates, ct);

    /// <summary>A site or report as stored, with its version, or null.</summary>
    public Task<(FeatureRecord Feature, int Version)?> ReadAsync(ImportLayer layer, string code, CancellationToken ct) =>
        layer == ImportLayer.Reports ? ReportEdits.ReadAsync(dataSource, code, ct) : SiteEdits.ReadAsync(dataSource, code, ct);

    public Task<EditOutcome> ReplaceSiteAsync(string code, int expectedVersion, FeatureRecord feature, Actor actor, CancellationToken ct) =>
        SiteEdits.ReplaceAsync(dataSource, code, expectedVersion, feature, actor, ct);

    public Task<EditOutcome> UpdateReportAsync(string code, int expectedVersion, FeatureRecord feature, Actor actor, CancellationToken ct) =>
        ReportEdits.UpdateAsync(dataSource, code, expectedVersion, feature, actor, ct);

    public Task<EditOutcome> DeleteSiteAsync(string code, int expectedVersion, Actor actor, CancellationToken ct) =>
        SiteEdits.DeleteAsync(dataSource, code, expectedVersion, actor, ct);

    public Task<EditOutcome> StepSiteAsync(string code, SiteEdits.Step step, Actor actor, CancellationToken ct) =>
        SiteEdits.MoveAsync(dataSource, code, step, actor, ct);

    public Task<EditOutcome> WithdrawReportAsync(string code, Actor actor, string? token, CancellationToken ct) =>
        ReportEdits.WithdrawAsync(dataSource, code, actor, token, ct);

    public Task<(SiteAttachments.Stored? Stored, EditOutcome? Refusal)> AttachAsync(string code, long? eventId, string fileName, string contentType, byte[] content, string pathTemplate, Actor actor, CancellationToken ct) =>
        SiteAttachments.AddAsync(dataSource, code, eventId, fileName, contentType, content, pathTemplate, actor, ct);

    /// <summary>Where features may lie: what a body's geometry is checked against before any write.</summary>
    public Task<Envelope> ServiceExtentAsync(CancellationToken ct) => ServiceExtent.ReadAsync(dataSource, ct);

    /// <summary>The data version after a write, so caches move on to it.</summary>
    public Task<long> DataVersionAsync(CancellationToken ct) => DataVersion.ReadAsync(dataSource, ct);
}
