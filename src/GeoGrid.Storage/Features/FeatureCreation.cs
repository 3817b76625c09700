using GeoGrid.Core.Import;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// Creating one feature through the API — a 四乱 site by an inspector, a 随手拍 report by a citizen —
/// by the same write step as an import, so it is checked, routed to its grid and zone, and audited
/// with its actor in the same transaction. A client that retries with the same Idempotency-Key gets the
/// feature its first attempt made, never a second one, also when both attempts race.
/// </summary>
public static class FeatureCreation
{
    public static async Task<EditOutcome> CreateAsync(NpgsqlDataSource dataSource, ImportLayer layer, FeatureRecord feature, string actor, string? idempotencyKey, CancellationToken ct)
    {
        if (idempotencyKey is not null && await FeatureImporter.FindIdempotentAsync(dataSource, idempotencyKey, layer, ct).ConfigureAwait(false) is { } earlier)
        {
            return EditOutcome.Replay(earlier);
        }

        ImportOutcome outcome;
        try
        {
            outcome = await FeatureImporter.ImportAsync(dataSource, layer, [feature], skipInvalid: false, cancellationToken: ct,
                origin: new FeatureImporter.Origin(actor, "create", idempotencyKey)).ConfigureAwait(false);
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
}
