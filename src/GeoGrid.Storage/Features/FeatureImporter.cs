using System.Globalization;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using GeoGrid.Storage.Tiles;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Storage.Features;

/// <summary>
/// Writes validated features (EPSG:4490) into a layer in one transaction. Each feature gets a savepoint,
/// so that a database refusal (a duplicate code, a road segment that does not exist) is reported
/// against its feature number; unless <c>skipInvalid</c>, any refusal rolls the whole import back.
/// </summary>
public static class FeatureImporter
{
    public static async Task<ImportOutcome> ImportAsync(NpgsqlDataSource dataSource, ImportLayer layer, IReadOnlyList<FeatureRecord> features, bool skipInvalid, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<ImportProblem>();
        var written = 0;
        var codes = new List<string>();
        // Codes made here (when a feature brings none) are the time plus a random part: two imports or
        // API creates in the same second must not collide on the unique code.
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var feature in features)
        {
            await tx.SaveAsync("feature", cancellationToken).ConfigureAwait(false);
            try
            {
                var (refusal, code) = await WriteAsync(connection, tx, layer, feature, stamp, cancellationToken).ConfigureAwait(false);
                if (refusal is null)
                {
                    written++;
                    codes.Add(code);
                    await tx.ReleaseAsync("feature", cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    problems.Add(refusal);
                    await tx.RollbackAsync("feature", cancellationToken).ConfigureAwait(false);
                }
            }
            catch (PostgresException e)
            {
                problems.Add(new ImportProblem(feature.Number, e.ColumnName ?? e.ConstraintName ?? "feature", e.MessageText));
                await tx.RollbackAsync("feature", cancellationToken).ConfigureAwait(false);
            }

            progress?.Report(feature.Number);
        }

        if (problems.Count > 0 && !skipInvalid)
        {
            await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new ImportOutcome(0, problems, []);
        }

        await ScalarAsync(connection, tx, "Edit/audit.sql", cancellationToken, "geogrid import", "import", layer.Name, Nullable(null),
            System.Text.Json.JsonSerializer.Serialize(new { written, refused = problems.Count })).ConfigureAwait(false);

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (written > 0)
        {
            await TileShapes.RefreshTableAsync(dataSource, layer.Name, cancellationToken).ConfigureAwait(false);
        }

        return new ImportOutcome(written, problems, codes);
    }

    /// <summary>Writes one feature; returns why the database refused it, or the code it was stored under.</summary>
    private static async Task<(ImportProblem? Refusal, string Code)> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ImportLayer layer, FeatureRecord f, string stamp, CancellationToken ct)
    {
        var g = f.Geometry!;
        string Text(string key) => Convert.ToString(f.Properties.GetValueOrDefault(key), CultureInfo.InvariantCulture) ?? string.Empty;
        string? Optional(string key) => f.Properties.GetValueOrDefault(key) is { } v && Convert.ToString(v, CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null;
        string Code(string prefix) => Optional("code") ?? $"{prefix}-{stamp}-{f.Number:D6}";
        DateTime At(string key) => Optional(key) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.UtcDateTime : DateTime.UtcNow;

        switch (layer.Name)
        {
            case "sites":
            {
                var at = At("found_at");
                var code = Code("SL");
                var id = await ScalarAsync(connection, tx, "Import/sites.sql", ct, code, Key<SiteCategory>(Text("category")), Text("description"), g, at).ConfigureAwait(false);
                var status = Optional("status") is { } s ? Key<SiteStatus>(s) : DomainLabels.Key(SiteStatus.Found);
                await ScalarAsync(connection, tx, "Import/site_event.sql", ct, id!, status, at, "导入").ConfigureAwait(false);
                return (null, code);
            }

            case "reports":
            {
                var at = At("created_at");
                var code = Code("SSP");
                var id = await ScalarAsync(connection, tx, "Import/reports.sql", ct, code, Key<ReportCategory>(Text("category")), Text("text"), g, at).ConfigureAwait(false);
                var status = Optional("status") is { } s ? Key<ReportStatus>(s) : DomainLabels.Key(ReportStatus.Submitted);
                await ScalarAsync(connection, tx, "Import/report_event.sql", ct, id!, status, at, "导入").ConfigureAwait(false);
                return (null, code);
            }

            case "duty_units":
            {
                var code = Code("DU");
                return (await ScalarAsync(connection, tx, "Import/duty_units.sql", ct, code, Text("name"), Optional("kind") ?? "商户", Text("segment_code"), g).ConfigureAwait(false) is null
                    ? new ImportProblem(f.Number, "segment_code", $"road segment '{Text("segment_code")}' does not exist")
                    : null, code);
            }

            case "road_segments":
            {
                var code = Code("R");
                return (await ScalarAsync(connection, tx, "Import/road_segments.sql", ct, code, Text("road_name"), int.TryParse(Optional("seq"), out var seq) ? seq : f.Number, Nullable(Optional("chief_code")), g).ConfigureAwait(false) is null
                    ? new ImportProblem(f.Number, "chief_code", $"road chief '{Optional("chief_code")}' does not exist")
                    : null, code);
            }

            case "grids":
                var level = int.Parse(Text("level"), CultureInfo.InvariantCulture);
                return (await ScalarAsync(connection, tx, "Import/grids.sql", ct, Text("code"), Text("name"), level, Nullable(Optional("parent_code")), Nullable(Optional("area_code")), int.TryParse(Optional("households"), out var h) ? h : 0, g).ConfigureAwait(false) is null
                    ? new ImportProblem(f.Number, level == 1 ? "area_code" : "parent_code", level == 1 ? $"administrative area '{Optional("area_code")}' does not exist" : $"parent grid '{Optional("parent_code")}' does not exist")
                    : null, Text("code"));

            default:
                throw new ArgumentOutOfRangeException(nameof(layer), layer.Name, "not an importable layer");
        }
    }

    private static NpgsqlParameter Nullable(string? text) => new() { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static string Key<T>(string text)
        where T : struct, Enum => DomainLabels.Key(DomainLabels.Parse<T>(text) ?? throw new ArgumentException($"unknown {typeof(T).Name} '{text}'"));

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string file, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(SqlFiles.Read(file), connection, tx);
        foreach (var a in args)
        {
            cmd.Parameters.Add(a switch
            {
                NpgsqlParameter p => p,
                Geometry geometry => new NpgsqlParameter { Value = WithStorageSrid(geometry) },
                DateTime t => new NpgsqlParameter { Value = t, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                _ => new NpgsqlParameter { Value = a },
            });
        }

        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    private static Geometry WithStorageSrid(Geometry g)
    {
        var copy = g.Copy();
        copy.SRID = Core.Crs.CrsNames.Srid(Core.Crs.CrsNames.Storage);
        return copy;
    }
}
