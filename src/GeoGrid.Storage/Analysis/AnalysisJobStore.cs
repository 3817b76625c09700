using System.Text.Json.Nodes;
using GeoGrid.Storage.Schema;
using Npgsql;
using NpgsqlTypes;

namespace GeoGrid.Storage.Analysis;

/// <summary>Keeps analysis jobs, their progress and their results in PostgreSQL.</summary>
public sealed class AnalysisJobStore(NpgsqlDataSource dataSource)
{
    /// <summary>Queues a job for whichever server claims it first; <paramref name="request"/> is what it runs from.</summary>
    public async Task<Guid> CreateAsync(string analysis, JsonObject parameters, long dataVersion, JsonObject request, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Jobs/create.sql"));
        cmd.Parameters.AddWithValue(analysis);
        cmd.Parameters.Add(Jsonb(parameters.ToJsonString()));
        cmd.Parameters.AddWithValue(dataVersion);
        cmd.Parameters.Add(Jsonb(request.ToJsonString()));
        return (Guid)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Takes the oldest queued job for <paramref name="runner"/>, or null when none is waiting.</summary>
    public async Task<ClaimedJob?> ClaimAsync(Guid runner, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Jobs/claim.sql"));
        cmd.Parameters.AddWithValue(runner);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new ClaimedJob(reader.GetGuid(0), reader.GetString(1), JsonNode.Parse(reader.GetString(2))!.AsObject())
            : null;
    }

    /// <summary>Says <paramref name="runner"/> is alive and running <paramref name="running"/>; answers those of
    /// them that are no longer its own running jobs (cancelled, or given to another server), for it to stop.</summary>
    public async Task<IReadOnlyList<Guid>> HeartbeatAsync(Guid runner, IReadOnlyList<Guid> running, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Jobs/heartbeat.sql"));
        cmd.Parameters.AddWithValue(runner);
        cmd.Parameters.AddWithValue(running.ToArray());
        return await ReadIdsAsync(cmd, ct).ConfigureAwait(false);
    }

    /// <summary>Puts the running jobs no server has vouched for within <paramref name="lease"/> back in the
    /// queue (their server stopped), or fails those claimed <paramref name="attempts"/> times already.
    /// Answers each id with its new status.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Status)>> RequeueLapsedAsync(TimeSpan lease, int attempts, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Jobs/requeue.sql"));
        cmd.Parameters.AddWithValue(lease.TotalSeconds);
        cmd.Parameters.AddWithValue(attempts);
        var jobs = new List<(Guid, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            jobs.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return jobs;
    }

    /// <summary>Gives a job <paramref name="runner"/> holds back to the queue: its server is stopping.</summary>
    public Task ReleaseAsync(Guid id, Guid runner, CancellationToken ct) => ExecuteAsync("Jobs/release.sql", ct, id, runner);

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

    public Task ProgressAsync(Guid id, Guid runner, double fraction, string stage, CancellationToken ct) =>
        ExecuteAsync("Jobs/progress.sql", ct, id, Math.Clamp(fraction, 0, 1), stage, runner);

    public Task SucceedAsync(Guid id, Guid runner, long dataVersion, JsonObject summary, string resultJson, CancellationToken ct) =>
        ExecuteAsync("Jobs/succeed.sql", ct, id, Jsonb(summary.ToJsonString()), Jsonb(resultJson), dataVersion, runner);

    public Task FailAsync(Guid id, Guid runner, JsonObject error, CancellationToken ct) => ExecuteAsync("Jobs/fail.sql", ct, id, Jsonb(error.ToJsonString()), runner);

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
