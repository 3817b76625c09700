using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using GeoGrid.Core.Lifecycle;
using GeoGrid.Storage.Access;
using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// Creating one feature through the API — a 四乱 site by a grid worker or inspector, a 随手拍 report by
/// anyone — by the same write step as an import, so it is checked, routed to its grid and zone, and
/// audited with its actor in the same transaction. A new site starts at found and must lie in the
/// actor's areas; a report must lie in a grid. A client that retries with the same Idempotency-Key gets
/// the feature its first attempt made, never a second one, also when both attempts race.
/// </summary>
public static class FeatureCreation
{
    internal static async Task<EditOutcome> CreateAsync(NpgsqlDataSource dataSource, ImportLayer layer, FeatureRecord feature, Actor actor, string? idempotencyKey, CancellationToken ct,
        Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<string>, CancellationToken, Task>? afterWrite = null)
    {
        if (idempotencyKey is not null && await FeatureImporter.FindIdempotentAsync(dataSource, idempotencyKey, layer, ct).ConfigureAwait(false) is { } earlier)
        {
            return EditOutcome.Replay(earlier);
        }

        if (await RefusalAsync(dataSource, layer, feature, actor, ct).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        ImportOutcome outcome;
        try
        {
            outcome = await FeatureImporter.ImportAsync(dataSource, layer, [feature], skipInvalid: false, cancellationToken: ct,
                origin: new FeatureImporter.Origin(actor, "create", idempotencyKey, afterWrite)).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "idempotency_keys" && idempotencyKey is not null)
        {
            // The same key committed by a concurrent attempt while this one was writing: that one stands.
            return await FeatureImporter.FindIdempotentAsync(dataSource, idempotencyKey, layer, ct).ConfigureAwait(false) is { } winner
                ? EditOutcome.Replay(winner)
                : throw new InvalidOperationException("an idempotency key clashed but its row is not there", e);
        }

        return outcome.Problems.Count > 0
            ? EditOutcome.Refused(outcome.Problems)
            : EditOutcome.Done(outcome.Codes[0], 1, [feature.Geometry!.EnvelopeInternal]);
    }

    /// <summary>What the API asks of a new feature beyond an import's checks (nothing is written yet, so one read suffices).</summary>
    private static async Task<EditOutcome?> RefusalAsync(NpgsqlDataSource dataSource, ImportLayer layer, FeatureRecord feature, Actor actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        if (layer == ImportLayer.Sites)
        {
            if (feature.Properties.GetValueOrDefault("status")?.ToString() is { Length: > 0 } status && DomainLabels.Parse<SiteStatus>(status) is { } given && given != SiteStatus.Found)
            {
                return EditOutcome.IllegalTransition($"a new site starts at found ({DomainLabels.Zh(SiteStatus.Found)}); record its later steps as events", [DomainLabels.Key(SiteStatus.Found)]);
            }

            if (!SiteLifecycle.Finders.Contains(actor.Role))
            {
                return EditOutcome.Forbidden($"{DomainLabels.Zh(actor.Role)} ({DomainLabels.Key(actor.Role)}) may not record sites; {string.Join(" or ", SiteLifecycle.Finders.Select(r => DomainLabels.Key(r)))} may", []);
            }

            return await AreaLimits.RefusalAsync(connection, null, actor, feature.Geometry!, ct).ConfigureAwait(false) is { } reason ? EditOutcome.OutOfArea(reason) : null;
        }

        if (layer == ImportLayer.Reports)
        {
            var point = feature.Geometry!.Copy();
            point.SRID = 4490;
            await using var cmd = new NpgsqlCommand(SqlFiles.Read("Edit/grid_at.sql"), connection) { Parameters = { new() { Value = point } } };
            if (await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is null)
            {
                return EditOutcome.Unprocessable(FormattableString.Invariant($"no grid contains the point ({point.Coordinate.X:0.######}, {point.Coordinate.Y:0.######}): 随手拍 reports are taken inside Zhengzhou's grids only"));
            }
        }

        return null;
    }
}
