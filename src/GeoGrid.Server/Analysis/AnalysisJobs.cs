using System.Text.Json.Nodes;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Storage.Analysis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoGrid.Server.Analysis;

/// <summary>
/// Runs analyses in the background: the job row is written first, progress is saved as the run goes
/// (at most every 250 ms), and the result or the error is stored when it ends. Runs stop with the server;
/// at start-up, jobs a previous run of the server left unfinished are marked failed, since nothing will
/// finish them.
/// </summary>
public sealed class AnalysisJobs(AnalysisJobStore store, AnalysisSources sources, IHostApplicationLifetime lifetime, ILogger<AnalysisJobs> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.AbandonUnfinishedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException e)
        {
            // The server still starts without its database; /health says why.
            logger.LogWarning(e, "could not mark interrupted analysis jobs");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<Guid> SubmitAsync(AnalysisRequest request, CancellationToken ct)
    {
        var version = await sources.DataVersionAsync(ct).ConfigureAwait(false);
        var parameters = new JsonObject(request.Effective().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)(p.Value is null ? null : JsonValue.Create(p.Value)))));
        var id = await store.CreateAsync(request.Analysis.Name, parameters, version, ct).ConfigureAwait(false);
        _ = Task.Run(() => RunAsync(id, request, version, lifetime.ApplicationStopping), CancellationToken.None);
        return id;
    }

    private async Task RunAsync(Guid id, AnalysisRequest request, long version, CancellationToken ct)
    {
        try
        {
            await store.ProgressAsync(id, 0.02, "loading input", ct).ConfigureAwait(false);
            var input = await AnalysisInputs.LoadAsync(request, sources, ct).ConfigureAwait(false);
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
