using System.Text.Json.Nodes;
using GeoGrid.Storage.Schema;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Storage.Analysis;

/// <summary>Keeps analysis jobs, their progress and their results in PostgreSQL.</summary>
public sealed class AnalysisJobStore(NpgsqlDataSource dataSource)
{
    /// <summary>Queues a job that <paramref name="runner"/> (a server process) will run.</summary>
    public async Task<Guid> CreateAsync(string analysis, JsonObject parameters, long dataVersion, Guid runner, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Jobs/create.sql"));
        cmd.Parameters.AddWithValue(analysis);
        cmd.Parameters.Add(new NpgsqlParameter { Value = parameters.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.AddWithValue(dataVersion);
        cmd.Parameters.AddWithValue(runner);
        return (Guid)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Says <paramref name="runner"/> is alive and running <paramref name="running"/>; answers those of
    /// them that are no longer unfinished (cancelled through another server), for the runner to stop.</summary>
    public async Task<IReadOnlyList<Guid>> HeartbeatAsync(Guid runner, IReadOnlyList<Guid> running, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Jobs/heartbeat.sql"));
        cmd.Parameters.AddWithValue(runner);
        cmd.Parameters.AddWithValue(running.ToArray());
        return await ReadIdsAsync(cmd, ct).ConfigureAwait(false);
    }

    /// <summary>Fails the unfinished jobs no server has vouched for within <paramref name="lease"/>: their
    /// server stopped, and nothing will finish them. Answers their ids.</summary>
    public async Task<IReadOnlyList<Guid>> AbandonUnfinishedAsync(TimeSpan lease, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Jobs/abandon.sql"));
        cmd.Parameters.AddWithValue(lease.TotalSeconds);
        return await ReadIdsAsync(cmd, ct).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<Guid>> ReadIdsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public Task ProgressAsync(Guid id, double fraction, string stage, CancellationToken ct) =>
        ExecuteAsync("Jobs/progress.sql", ct, id, Math.Clamp(fraction, 0, 1), stage);

    public Task SucceedAsync(Guid id, JsonObject summary, string resultJson, CancellationToken ct) =>
        ExecuteAsync("Jobs/succeed.sql", ct, id, Jsonb(summary.ToJsonString()), Jsonb(resultJson));

    public Task FailAsync(Guid id, JsonObject error, CancellationToken ct) => ExecuteAsync("Jobs/fail.sql", ct, id, Jsonb(error.ToJsonString()));

    /// <summary>Marks a queued or running job cancelled; false when it was not unfinished.</summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken ct) => await ScalarAsync("Jobs/cancel.sql", id, ct).ConfigureAwait(false) is not null;

    /// <summary>Deletes a finished job and its result; false when there was no finished job.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct) => await ScalarAsync("Jobs/delete.sql", id, ct).ConfigureAwait(false) is not null;

    private async Task<object?> ScalarAsync(string sqlFile, Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read(sqlFile));
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    public async Task<AnalysisJob?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Jobs/get.sql"));
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        JsonObject? Json(int i) => reader.IsDBNull(i) ? null : JsonNode.Parse(reader.GetString(i))!.AsObject();
        return new AnalysisJob(reader.GetGuid(0), reader.GetString(1), Json(2)!, reader.GetInt64(3), reader.GetString(4), reader.GetDouble(5), reader.GetString(6),
            Json(7), Json(8), reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10));
    }

    /// <summary>The stored result (a GeoJSON FeatureCollection) as text, or null while there is none.</summary>
    public async Task<string?> ResultAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Jobs/result.sql"));
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    private static NpgsqlParameter Jsonb(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private async Task ExecuteAsync(string sqlFile, CancellationToken ct, params object[] args)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read(sqlFile));
        foreach (var a in args)
        {
            cmd.Parameters.Add(a as NpgsqlParameter ?? new NpgsqlParameter { Value = a });
        }

        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
