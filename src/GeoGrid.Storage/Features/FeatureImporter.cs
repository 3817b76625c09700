using System.Globalization;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;
using GeoGrid.Core.Values;
using GeoGrid.Storage.Schema;
using GeoGrid.Storage.Tiles;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Storage.Features;

/// <summary>
/// The write step of every create and import (CLI import, API create, 随手拍 intake): validated
/// features (EPSG:4490) are COPYed into a staging table, checked set-based for what only the database
/// knows (codes that exist already or repeat, references to road segments, chiefs, parent grids and
/// areas, each refusal against its feature number), written by one INSERT … SELECT per layer with
/// their grid and zone routing, and audited with the real actor, all in one transaction. Unless
/// <c>skipInvalid</c>, any refusal writes nothing.
/// </summary>
public static class FeatureImporter
{
    /// <summary>
    /// Where a write comes from, for its events and audit row; an API create may carry an
    /// Idempotency-Key, and <paramref name="AfterWrite"/> runs in the write's transaction with the codes
    /// written (the 随手拍 intake links duplicates and keeps the reporter there).
    /// </summary>
    public sealed record Origin(Core.Access.Actor Actor, string Action, string? IdempotencyKey = null,
        Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<string>, CancellationToken, Task>? AfterWrite = null);

    public static readonly Origin CliImport = new(Core.Access.Actor.Cli("geogrid import"), "import");

    public static async Task<ImportOutcome> ImportAsync(NpgsqlDataSource dataSource, ImportLayer layer, IReadOnlyList<FeatureRecord> features, bool skipInvalid,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default, Origin? origin = null)
    {
        origin ??= CliImport;
        var ct = cancellationToken;
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, SqlFiles.Read("Import/staging.sql"), ct).ConfigureAwait(false);

        // Codes made here (when a feature brings none) are the time plus a random part: two imports or
        // API creates in the same second must not collide on the unique code.
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var grids = layer == ImportLayer.Reports && features.Count >= InProcessRoutingFrom
            ? await RouteAsync(connection, tx, features, ct).ConfigureAwait(false)
            : null;
        var codes = await CopyAsync(connection, layer, features, stamp, grids, progress, ct).ConfigureAwait(false);

        var problems = await CheckAsync(connection, tx, layer, ct).ConfigureAwait(false);
        if (problems.Count > 0 && !skipInvalid)
        {
            await tx.RollbackAsync(ct).ConfigureAwait(false);
            return new ImportOutcome(0, problems, []);
        }

        if (problems.Count > 0)
        {
            await using var refuse = new NpgsqlCommand("UPDATE import_staging SET refused = true WHERE n = ANY($1)", connection, tx) { Parameters = { new() { Value = problems.Select(p => p.Number).Distinct().ToArray() } } };
            await refuse.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            if (layer == ImportLayer.Grids)
            {
                List<ImportProblem> orphans;
                do
                {
                    orphans = await ProblemsAsync(connection, tx, SqlFiles.Read("Import/refuse_orphans.sql"), ct).ConfigureAwait(false);
                    problems.AddRange(orphans);
                }
                while (orphans.Count > 0);
            }
        }

        var insert = SqlFiles.Read($"Import/{layer.Name}.sql");
        if (layer == ImportLayer.Grids)
        {
            for (var level = 1; level <= 3; level++)
            {
                await ExecuteAsync(connection, tx, insert, ct, level).ConfigureAwait(false);
            }
        }
        else if (layer == ImportLayer.Sites || layer == ImportLayer.Reports)
        {
            // Their first lifecycle event says who recorded it.
            await ExecuteAsync(connection, tx, insert, ct, origin.Actor.Name, origin.Action == "import" ? "导入" : "上报").ConfigureAwait(false);
        }
        else
        {
            await ExecuteAsync(connection, tx, insert, ct).ConfigureAwait(false);
        }

        var refused = problems.Select(p => p.Number).ToHashSet();
        var written = features.Where(f => !refused.Contains(f.Number)).Select(f => codes[f.Number]).ToList();
        if (origin.AfterWrite is { } after && written.Count > 0)
        {
            await after(connection, tx, written, ct).ConfigureAwait(false);
        }

        // One feature (an API create) is audited with its place and content; a bulk import with its counts.
        var single = written.Count == 1 ? features.First(f => !refused.Contains(f.Number)) : null;
        await EditSupport.AuditAsync(connection, tx, origin.Actor, origin.Action, layer.Name, single is null ? null : written[0], single?.Geometry, null,
            single is null ? null : System.Text.Json.JsonSerializer.Serialize(single.Properties), ct,
            System.Text.Json.JsonSerializer.Serialize(new { written = written.Count, refused = refused.Count })).ConfigureAwait(false);
        if (origin.IdempotencyKey is { } key && written.Count == 1)
        {
            await ExecuteAsync(connection, tx, SqlFiles.Read("Import/idempotency.sql"), ct, key, layer.Name, written[0]).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        await connection.CloseAsync().ConfigureAwait(false);
        if (written.Count > 0)
        {
            await TileShapes.RefreshTableAsync(dataSource, layer.Name, ct).ConfigureAwait(false);
        }

        return new ImportOutcome(written.Count, problems, written);
    }

    /// <summary>The code an earlier create with this Idempotency-Key made, or null.</summary>
    public static async Task<string?> FindIdempotentAsync(NpgsqlDataSource dataSource, string key, ImportLayer layer, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Edit/idempotency_find.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        cmd.Parameters.Add(new NpgsqlParameter { Value = layer.Name });
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    /// <summary>From this many reports on, an import routes them in-process: a per-row PostGIS subquery
    /// costs about 35 µs a report, loading the grids once about half a second.</summary>
    public const int InProcessRoutingFrom = 5_000;

    /// <summary>The level-3 grid id of each feature (by position), or null outside every grid.</summary>
    private static async Task<long?[]> RouteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<FeatureRecord> features, CancellationToken ct)
    {
        var ids = new List<long>();
        var shapes = new List<Geometry>();
        await using (var cmd = new NpgsqlCommand(SqlFiles.Read("Import/level3_grids.sql"), connection, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                ids.Add(reader.GetInt64(0));
                shapes.Add(reader.GetFieldValue<Geometry>(1));
            }
        }

        var located = new Core.Analysis.Responsibility.GridAssigner(shapes).LocateAll(features.Select(f => f.Geometry!.Coordinate).ToList());
        return located.Select(i => i >= 0 ? ids[i] : (long?)null).ToArray();
    }

    /// <summary>COPYs the features into the staging table; returns the code of each feature by number.</summary>
    private static async Task<Dictionary<int, string>> CopyAsync(NpgsqlConnection connection, ImportLayer layer, IReadOnlyList<FeatureRecord> features, string stamp, long?[]? grids, IProgress<int>? progress, CancellationToken ct)
    {
        var codes = new Dictionary<int, string>(features.Count);
        var prefix = layer.Name switch { "sites" => "SL", "reports" => "SSP", "duty_units" => "DU", "road_segments" => "R", _ => "G" };
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY import_staging (n, code, code_given, category, body, name, kind, ref_code, area_code, level, num, at, status, geom, grid_id) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        for (var index = 0; index < features.Count; index++)
        {
            var f = features[index];
            string? Optional(string key) => f.Properties.GetValueOrDefault(key) is { } v && Convert.ToString(v, CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null;
            int? Number(string key) => int.TryParse(Optional(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
            DateTime At(string key) => Instants.TryParseInstant(Optional(key))?.UtcDateTime ?? DateTime.UtcNow;

            var given = Optional("code");
            var code = given ?? $"{prefix}-{stamp}-{f.Number:D6}";
            codes[f.Number] = code;
            var geometry = f.Geometry!.Copy();
            geometry.SRID = Core.Crs.CrsNames.Srid(Core.Crs.CrsNames.Storage);
            var row = layer.Name switch
            {
                "sites" => new StagedRow(Category: Key<SiteCategory>(Optional("category")), Body: Optional("description") ?? string.Empty, At: At("found_at"),
                    Status: Optional("status") is { } s ? Key<SiteStatus>(s) : DomainLabels.Key(SiteStatus.Found)),
                "reports" => new StagedRow(Category: Key<ReportCategory>(Optional("category")), Body: Optional("text") ?? string.Empty, At: At("created_at"),
                    Status: Optional("status") is { } r ? Key<ReportStatus>(r) : DomainLabels.Key(ReportStatus.Submitted)),
                "duty_units" => new StagedRow(Name: Optional("name"), Kind: Optional("kind") ?? "商户", Reference: Optional("segment_code")),
                "road_segments" => new StagedRow(Name: Optional("road_name"), Reference: Optional("chief_code"), Num: Number("seq") ?? f.Number),
                "grids" => new StagedRow(Name: Optional("name"), Reference: Optional("parent_code"), Area: Optional("area_code"), Level: Number("level"), Num: Number("households") ?? 0),
                _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Name, "not an importable layer"),
            };

            // Synchronous writes: a row's fields only go into Npgsql's buffer, so an await per field (a
            // state machine each, 16 a row) buys nothing; the buffer is flushed when full and at the end.
            ct.ThrowIfCancellationRequested();
            copy.StartRow();
            copy.Write(f.Number, NpgsqlDbType.Integer);
            copy.Write(code, NpgsqlDbType.Text);
            copy.Write(given is not null, NpgsqlDbType.Boolean);
            WriteNullable(copy, row.Category, NpgsqlDbType.Text);
            WriteNullable(copy, row.Body, NpgsqlDbType.Text);
            WriteNullable(copy, row.Name, NpgsqlDbType.Text);
            WriteNullable(copy, row.Kind, NpgsqlDbType.Text);
            WriteNullable(copy, row.Reference, NpgsqlDbType.Text);
            WriteNullable(copy, row.Area, NpgsqlDbType.Text);
            WriteNullable(copy, row.Level, NpgsqlDbType.Integer);
            WriteNullable(copy, row.Num, NpgsqlDbType.Integer);
            WriteNullable(copy, row.At, NpgsqlDbType.TimestampTz);
            WriteNullable(copy, row.Status, NpgsqlDbType.Text);
            copy.Write(geometry, NpgsqlDbType.Geometry);
            WriteNullable(copy, grids?[index], NpgsqlDbType.Bigint);
            if ((index & 1023) == 1023 || index == features.Count - 1)
            {
                // Progress in steps: a progress bar redrawn for every feature cost more than the feature.
                progress?.Report(index + 1);
            }
        }

        await copy.CompleteAsync(ct).ConfigureAwait(false);
        return codes;
    }

    /// <summary>A feature's attributes as the staging table's columns; which ones a layer uses is in its Import/*.sql.</summary>
    private sealed record StagedRow(string? Category = null, string? Body = null, string? Name = null, string? Kind = null, string? Reference = null, string? Area = null,
        int? Level = null, int? Num = null, DateTime? At = null, string? Status = null);

    private static async Task<List<ImportProblem>> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ImportLayer layer, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        // The layer name is one of the importable layers' own names, never request text.
        var checks = new List<string> { SqlFiles.Read("Import/check_codes.sql").Replace("{table}", layer.Name, StringComparison.Ordinal) };
        if (layer == ImportLayer.DutyUnits || layer == ImportLayer.RoadSegments || layer == ImportLayer.Grids)
        {
            checks.Add(SqlFiles.Read($"Import/check_{layer.Name}.sql"));
        }

        foreach (var sql in checks)
        {
            problems.AddRange(await ProblemsAsync(connection, tx, sql, ct).ConfigureAwait(false));
        }

        return problems.OrderBy(p => p.Number).ToList();
    }

    /// <summary>The rows (feature number, field, reason) a check's SQL answers.</summary>
    private static async Task<List<ImportProblem>> ProblemsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            problems.Add(new ImportProblem(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return problems;
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        foreach (var a in args)
        {
            cmd.Parameters.Add(a is DBNull ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text } : new NpgsqlParameter { Value = a });
        }

        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static string? Key<T>(string? text)
        where T : struct, Enum => text is null ? null : DomainLabels.Key(DomainLabels.Parse<T>(text) ?? throw new ArgumentException($"unknown {typeof(T).Name} '{text}'"));
}
