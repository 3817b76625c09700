using System.Security.Cryptography;
using GeoGrid.Core.Access;
using GeoGrid.Core.Import;
using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// The 随手拍 intake (GeoGrid's API and Open311): a report is created like any feature, and in the
/// same transaction keeps its reporter, a token to withdraw it by (returned once, stored as its
/// SHA-256) and its link to a likely duplicate — the first open report of the same category within
/// <see cref="DuplicateRule.Metres"/> and <see cref="DuplicateRule.Hours"/> before it.
/// </summary>
public static class ReportIntake
{
    /// <summary>When two reports are likely the same problem (settable: GeoGrid:Intake:DuplicateMetres and DuplicateHours).</summary>
    public sealed record DuplicateRule(double Metres = 50, double Hours = 24);

    /// <summary>A filed report: the create's outcome and, when done, the token that withdraws it, the grid it went to (and its workers, as JSON) and the report it likely repeats.</summary>
    public sealed record Filed(EditOutcome Outcome, string? WithdrawToken, string? GridCode, string? DuplicateOf, string? Workers = null);

    internal static async Task<Filed> FileAsync(NpgsqlDataSource dataSource, FeatureRecord feature, Actor actor, string? idempotencyKey, DuplicateRule rule, CancellationToken ct)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string? grid = null, duplicate = null, workers = null;
        var outcome = await FeatureCreation.CreateAsync(dataSource, ImportLayer.Reports, feature, actor, idempotencyKey, ct, async (connection, tx, codes, c) =>
        {
            await using var cmd = new NpgsqlCommand(SqlFiles.Read("Intake/link.sql"), connection, tx)
            {
                Parameters =
                {
                    new() { Value = codes[0] },
                    new() { Value = actor.IsUser ? actor.Name : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    new() { Value = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)) },
                    new() { Value = rule.Metres },
                    new() { Value = rule.Hours },
                },
            };
            await using var reader = await cmd.ExecuteReaderAsync(c).ConfigureAwait(false);
            await reader.ReadAsync(c).ConfigureAwait(false);
            duplicate = reader.IsDBNull(0) ? null : reader.GetString(0);
            grid = reader.IsDBNull(1) ? null : reader.GetString(1);
            workers = reader.IsDBNull(2) ? null : reader.GetString(2);
        }).ConfigureAwait(false);
        // A replayed create made its token the first time; it is not shown again.
        return new Filed(outcome, outcome.Result == EditResult.Done && !outcome.Replayed ? token : null, grid, duplicate, workers);
    }
}
