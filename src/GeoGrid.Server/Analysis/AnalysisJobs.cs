using System.Text.Json.Nodes;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Storage.Analysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoGrid.Server.Analysis;

/// <summary>
/// Runs analyses in the background. A job is queued only once its input is loaded and its parameters
/// and work estimate hold (a probe run stops right after its checks), so a bad parameter is a 400 at
/// submission, not a failed job later. Progress is saved as the run goes (at most every 250 ms), and the
/// result or the error is stored when it ends. <c>DELETE /jobs/{id}</c> cancels a run, through any server.
/// Several servers may share the database: each vouches for the jobs it runs every
/// <c>GeoGrid:Jobs:HeartbeatSeconds</c> (10), stops those cancelled through another server, and fails
/// the unfinished jobs nobody has vouched for within <c>GeoGrid:Jobs:LeaseSeconds</c> (60) — at start-up
/// and then with every heartbeat — so a server that stopped or crashed leaves no job "running" for
/// ever, and restarting one server does not fail the jobs another is running.
/// </summary>
public sealed class AnalysisJobs(AnalysisJobStore store, AnalysisSources sources, IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<AnalysisJobs> logger)
    : BackgroundService
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    /// <summary>This server process, as the jobs it runs name it.</summary>
    public Guid Runner { get; } = Guid.NewGuid();

    /// <summary>The jobs this server runs now.</summary>
    public IReadOnlyCollection<Guid> Running => [.. _running.Keys];

    private TimeSpan Heartbeat => TimeSpan.FromSeconds(configuration.GetValue("GeoGrid:Jobs:HeartbeatSeconds", 10.0));

    private TimeSpan Lease => TimeSpan.FromSeconds(configuration.GetValue("GeoGrid:Jobs:LeaseSeconds", 60.0));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Heartbeat);
        try
        {
            do
            {
                await BeatAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops.
        }
    }

    private async Task BeatAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var gone in await store.HeartbeatAsync(Runner, [.. _running.Keys], stoppingToken).ConfigureAwait(false))
            {
                if (_running.TryGetValue(gone, out var run)) await run.CancelAsync().ConfigureAwait(false);
            }

            foreach (var id in await store.AbandonUnfinishedAsync(Lease, stoppingToken).ConfigureAwait(false))
            {
                logger.LogWarning("analysis job {Id} failed: the server running it stopped", id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server runs on without its database (/health says why), and the next beat tries again;
            // an exception leaving a background service would stop the whole host.
            logger.LogDebug(e, "no job heartbeat");
        }
    }

    public async Task<Guid> SubmitAsync(AnalysisRequest request, CancellationToken ct)
    {
        var version = await sources.DataVersionAsync(ct).ConfigureAwait(false);
        var input = await AnalysisInputs.LoadAsync(request, sources, ct).ConfigureAwait(false) with { Budget = WorkBudget.Job };
        if (request.Analysis.ChecksWork)
        {
            try
            {
                await Task.Run(() => request.Analysis.Run(input with { Budget = WorkBudget.Job.AsProbe() }, request.Values, null, ct), ct).ConfigureAwait(false);
            }
            catch (WorkBudget.Accepted)
            {
                // The parameters hold and the work fits a job.
            }
        }

        var parameters = new JsonObject(request.Effective().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)(p.Value is null ? null : JsonValue.Create(p.Value)))));
        var id = await store.CreateAsync(request.Analysis.Name, parameters, version, Runner, ct).ConfigureAwait(false);
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _running[id] = cancel;
        _ = Task.Run(async () =>
        {
            try
            {
                await RunAsync(id, request, input, version, cancel.Token).ConfigureAwait(false);
            }
            finally
            {
                _running.TryRemove(id, out _);
                cancel.Dispose();
            }
        }, CancellationToken.None);
        return id;
    }

    /// <summary>Stops a queued or running job of this server and marks it cancelled; false when it was not unfinished.</summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken ct)
    {
        var cancelled = await store.CancelAsync(id, ct).ConfigureAwait(false);
        if (_running.TryGetValue(id, out var run))
        {
            await run.CancelAsync().ConfigureAwait(false);
        }

        return cancelled;
    }

    private async Task RunAsync(Guid id, AnalysisRequest request, AnalysisInput input, long version, CancellationToken ct)
    {
        try
        {
            var progress = new ThrottledProgress(p => store.ProgressAsync(id, 0.05 + (0.9 * p.Fraction), p.Stage, ct));
            var output = await Task.Run(() => request.Analysis.Run(input, request.Values, progress, ct), ct).ConfigureAwait(false);
            await progress.FlushAsync().ConfigureAwait(false);
            using var body = new MemoryStream();
            AnalysisResults.Write(body, request, output, version);
            await store.SucceedAsync(id, AnalysisResults.Summary(output), System.Text.Encoding.UTF8.GetString(body.ToArray()), ct).ConfigureAwait(false);
        }
        catch (AnalysisParameterException e)
        {
            await store.FailAsync(id, new JsonObject { ["title"] = "Invalid parameter", ["status"] = 400, ["detail"] = e.Message, ["parameter"] = e.Parameter }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Cancelled through DELETE /jobs/{id}: the row says so already.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "analysis job {Id} ({Analysis}) failed", id, request.Analysis.Name);
            await store.FailAsync(id, new JsonObject { ["title"] = ct.IsCancellationRequested ? "Interrupted" : "Analysis failed", ["status"] = 500, ["detail"] = e.Message }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Saves progress no more than every 250 ms, one save at a time, from any thread.</summary>
    private sealed class ThrottledProgress(Func<AnalysisProgress, Task> save) : IProgress<AnalysisProgress>
    {
        private readonly object _gate = new();
        private Task _last = Task.CompletedTask;
        private long _lastAt;

        public void Report(AnalysisProgress value)
        {
            lock (_gate)
            {
                var now = Environment.TickCount64;
                if (now - _lastAt < 250 || !_last.IsCompleted)
                {
                    return;
                }

                _lastAt = now;
                _last = save(value);
            }
        }

        public Task FlushAsync()
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }
}
