using System.Text.Json.Nodes;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Storage.Analysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace GeoGrid.Server.Analysis;

/// <summary>
/// Runs analyses in the background, as a queue every server takes from. A job is queued only once its
/// input loads and its parameters and work estimate hold (a probe run stops right after its checks), so
/// a bad parameter is a 400 at submission, not a failed job later. The job keeps its request, and any
/// server claims it (oldest first, <c>FOR UPDATE SKIP LOCKED</c>: never the same job twice) while it
/// runs fewer than <c>GeoGrid:Jobs:Concurrency</c> (the processor count) — the server it was submitted
/// to at once, the others at their next heartbeat. Progress is saved as the run goes (at most every
/// 250 ms), the result or the error when it ends. <c>DELETE /jobs/{id}</c> cancels a job through any
/// server. Each server vouches for the jobs it runs every <c>GeoGrid:Jobs:HeartbeatSeconds</c> (10) and
/// stops those cancelled through another; a job nobody has vouched for within
/// <c>GeoGrid:Jobs:LeaseSeconds</c> (60) lost its server and goes back to the queue (failed after
/// <c>GeoGrid:Jobs:Attempts</c>, 3, claims), and a server that stops gives its jobs back at once — so
/// restarting or losing one server never fails the jobs, whichever server they were submitted to.
/// </summary>
public sealed class AnalysisJobs(AnalysisJobStore store, AnalysisSources sources, IConfiguration configuration, ILogger<AnalysisJobs> logger)
    : BackgroundService
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    // The runs under way, for a stopping server to wait for: each gives its job back before the database goes.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Task> _runs = new();

    // Released when a job is submitted here or a run ends: time to claim again.
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>This server process, as the jobs it runs name it.</summary>
    public Guid Runner { get; } = Guid.NewGuid();

    /// <summary>The jobs this server runs now.</summary>
    public IReadOnlyCollection<Guid> Running => [.. _running.Keys];

    private TimeSpan Heartbeat => TimeSpan.FromSeconds(configuration.GetValue("GeoGrid:Jobs:HeartbeatSeconds", 10.0));

    private TimeSpan Lease => TimeSpan.FromSeconds(configuration.GetValue("GeoGrid:Jobs:LeaseSeconds", 60.0));

    private int Concurrency => Math.Max(1, configuration.GetValue("GeoGrid:Jobs:Concurrency", Environment.ProcessorCount));

    private int Attempts => Math.Max(1, configuration.GetValue("GeoGrid:Jobs:Attempts", 3));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextBeat = 0L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (Environment.TickCount64 >= nextBeat)
                {
                    await BeatAsync(stoppingToken).ConfigureAwait(false);
                    nextBeat = Environment.TickCount64 + (long)Heartbeat.TotalMilliseconds;
                }

                await ClaimAsync(stoppingToken).ConfigureAwait(false);
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(1, nextBeat - Environment.TickCount64)), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops; each run gives its job back to the queue as it ends.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_runs.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutdown ran out of time: the lease gives the jobs back instead.
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

            foreach (var (id, status) in await store.RequeueLapsedAsync(Lease, Attempts, stoppingToken).ConfigureAwait(false))
            {
                logger.LogWarning("analysis job {Id}: the server running it stopped; it is {Status} now", id, status == "queued" ? "queued again" : "failed");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server runs on without its database (/health says why), and the next beat tries again;
            // an exception leaving a background service would stop the whole host.
            logger.LogDebug(e, "no job heartbeat");
        }
    }

    private async Task ClaimAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (_running.Count < Concurrency && await store.ClaimAsync(Runner, stoppingToken).ConfigureAwait(false) is { } job)
            {
                var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                _running[job.Id] = cancel;
                var run = Task.Run(async () =>
                {
                    try
                    {
                        await RunAsync(job, cancel.Token, stoppingToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        _running.TryRemove(job.Id, out _);
                        cancel.Dispose();
                        _wake.Release();
                    }
                }, CancellationToken.None);
                _runs[job.Id] = run;
                _ = run.ContinueWith(_ => _runs.TryRemove(job.Id, out Task? _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "no job claimed");
        }
    }

    /// <summary>Checks a request and queues it as a job; answers its id.</summary>
    public async Task<Guid> SubmitAsync(AnalysisRequest request, CancellationToken ct)
    {
        var version = await sources.DataVersionAsync(ct).ConfigureAwait(false);
        var input = await AnalysisInputs.LoadAsync(request, sources, ct).ConfigureAwait(false);
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
        var query = new JsonObject(request.Query.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)(p.Value is null ? null : JsonValue.Create(p.Value)))));
        var id = await store.CreateAsync(request.Analysis.Name, parameters, version, query, ct).ConfigureAwait(false);
        _wake.Release();
        return id;
    }

    /// <summary>Marks a queued or running job cancelled and stops it if it runs here (elsewhere, its server's
    /// next heartbeat does); false when it was not unfinished.</summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken ct)
    {
        var cancelled = await store.CancelAsync(id, ct).ConfigureAwait(false);
        if (_running.TryGetValue(id, out var run))
        {
            await run.CancelAsync().ConfigureAwait(false);
        }

        return cancelled;
    }

    private async Task RunAsync(ClaimedJob job, CancellationToken ct, CancellationToken stopping)
    {
        AnalysisRequest? request = null;
        try
        {
            // Parsed again, by the rules of this server: a job queued by another version of GeoGrid whose
            // parameters no longer hold fails here with the parameter named.
            var analysis = AnalysisCatalog.Find(job.Analysis) ?? throw new AnalysisParameterException("analysis", $"this server has no analysis '{job.Analysis}'");
            request = AnalysisRequest.Parse(analysis, new QueryCollection(job.Request.ToDictionary(p => p.Key, p => new StringValues((string?)p.Value))));
            await store.ProgressAsync(job.Id, Runner, 0.01, "loading input", ct).ConfigureAwait(false);
            var version = await sources.DataVersionAsync(ct).ConfigureAwait(false);
            var input = await AnalysisInputs.LoadAsync(request, sources, ct).ConfigureAwait(false) with { Budget = WorkBudget.Job };
            var progress = new ThrottledProgress(p => store.ProgressAsync(job.Id, Runner, 0.05 + (0.9 * p.Fraction), p.Stage, ct));
            var output = await Task.Run(() => request.Analysis.Run(input, request.Values, progress, ct), ct).ConfigureAwait(false);
            await progress.FlushAsync().ConfigureAwait(false);
            using var body = new MemoryStream();
            AnalysisResults.Write(body, request, output, version);
            await store.SucceedAsync(job.Id, Runner, version, AnalysisResults.Summary(output), System.Text.Encoding.UTF8.GetString(body.ToArray()), ct).ConfigureAwait(false);
        }
        catch (AnalysisParameterException e)
        {
            await store.FailAsync(job.Id, Runner, new JsonObject { ["title"] = "Invalid parameter", ["status"] = 400, ["detail"] = e.Message, ["parameter"] = e.Parameter }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // This server stops: another one takes the job from the start.
            await store.ReleaseAsync(job.Id, Runner, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled through DELETE /jobs/{id} (here or through another server): the row says so already.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "analysis job {Id} ({Analysis}) failed", job.Id, request?.Analysis.Name ?? job.Analysis);
            await store.FailAsync(job.Id, Runner, new JsonObject { ["title"] = "Analysis failed", ["status"] = 500, ["detail"] = e.Message }, CancellationToken.None).ConfigureAwait(false);
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
