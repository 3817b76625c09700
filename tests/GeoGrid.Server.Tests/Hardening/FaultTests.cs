using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using GeoGrid.Server.Hosting;
using GeoGrid.Storage;
using GeoGrid.Storage.Cluster;
using GeoGrid.Storage.Schema;
using GeoGrid.Testing;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace GeoGrid.Server.Tests.Hardening;

/// <summary>
/// Faults a server meets in service, each on a cluster of its own (so stopping it disturbs no other
/// test) and a real loopback socket: PostgreSQL stopped and started, the postmaster killed, and the
/// GeoGrid server itself killed in the middle of creates. Loads are bounded in count and time.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultTests : IAsyncLifetime
{
    private readonly EmbeddedCluster _cluster = new(Path.Combine(Path.GetTempPath(), "geogrid-fault-" + Guid.NewGuid().ToString("N")[..12]), throwaway: true);
    private NpgsqlDataSource _data = null!;

    public async Task InitializeAsync()
    {
        await _cluster.StartAsync();
        _data = GeoGridDataSource.Create(_cluster.ConnectionString);
        await Migrator.MigrateAsync(_data);
    }

    public async Task DisposeAsync()
    {
        await _data.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _cluster.DeleteAsync();
    }

    [Fact]
    public async Task A_stopped_database_gives_503s_with_retry_after_and_the_server_recovers_when_it_is_back()
    {
        await using var app = await StartAppAsync();
        var statuses = await UnderLoadAsync(app.Url, async answers =>
        {
            await _cluster.StopAsync();
            await WhileDownAsync(answers);
            await _cluster.StartAsync();
        });

        AssertOutageAnswered(statuses);
    }

    [Fact]
    public async Task A_killed_postmaster_gives_503s_and_the_server_recovers_without_a_restart()
    {
        await using var app = await StartAppAsync();
        var statuses = await UnderLoadAsync(app.Url, async answers =>
        {
            var pid = int.Parse(File.ReadLines(Path.Combine(_cluster.DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            using (var postmaster = Process.GetProcessById(pid))
            {
                postmaster.Kill();
                await postmaster.WaitForExitAsync();
            }

            // The backends notice their postmaster is gone and exit; then the cluster is started again.
            await WhileDownAsync(answers);
            await _cluster.StartAsync();
        });

        AssertOutageAnswered(statuses);
    }

    [Fact]
    public async Task A_server_killed_during_creates_leaves_every_site_audited_and_retries_with_the_same_key_make_no_duplicates()
    {
        var port = EmbeddedCluster.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var keys = Enumerable.Range(0, 400).Select(i => $"fault-{i:D4}-{Guid.NewGuid():N}").ToList();
        var acknowledged = new ConcurrentDictionary<string, string>();
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        // A machine client, as an importer would be: an inspector's API key.
        var store = new GeoGrid.Storage.Access.UserStore(_data);
        await store.AddAsync("fault-importer", "故障测试", GeoGrid.Core.Access.Role.Inspector, null, null);
        http.DefaultRequestHeaders.Add("X-API-Key", await store.AddApiKeyAsync("fault-importer", "fault test"));

        async Task CreateAllAsync(CancellationToken stop)
        {
            await Parallel.ForEachAsync(keys.Where(k => !acknowledged.ContainsKey(k)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop }, async (key, ct) =>
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/ogc/collections/sites/items")
                    {
                        Content = new StringContent("""{"type":"Feature","properties":{"category":"乱堆","description":"故障测试"},"geometry":{"type":"Point","coordinates":[113.62,34.88]}}""", Encoding.UTF8, "application/geo+json"),
                    };
                    request.Headers.Add("Idempotency-Key", key);
                    using var response = await http.SendAsync(request, ct);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged[key] = response.Headers.Location!.Segments[^1];
                    }
                }
                catch (HttpRequestException)
                {
                    // The server died under this request: the client does not know whether it was made.
                }
            });
        }

        using (var server = StartServerProcess(port))
        {
            await WaitUntilServingAsync(http);
            using var stop = new CancellationTokenSource();
            var creating = CreateAllAsync(stop.Token);
            // Kill it once a part of the creates has been answered: some are in flight then.
            while (acknowledged.Count < 40)
            {
                await Task.Delay(20);
            }

            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            await stop.CancelAsync();
            await creating.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Assert.True(acknowledged.Count < keys.Count, "the server was killed before every create was answered");
        using (var restarted = StartServerProcess(port))
        {
            await WaitUntilServingAsync(http);
            await CreateAllAsync(CancellationToken.None);
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }

        Assert.Equal(keys.Count, acknowledged.Count);
        await using var connection = await _data.OpenConnectionAsync();
        async Task<long> CountAsync(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }

        // One site per key, whatever the retries; each acknowledged code is that site; each site audited.
        Assert.Equal(keys.Count, await CountAsync("SELECT count(*) FROM sites WHERE description = '故障测试'"));
        Assert.Equal(keys.Count, await CountAsync("SELECT count(DISTINCT code) FROM idempotency_keys WHERE key LIKE 'fault-%'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM sites s WHERE s.description = '故障测试' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'sites' AND a.action = 'create' AND a.entity_id = s.code)"));
        Assert.Equal(keys.Count, await CountAsync("SELECT count(*) FROM sites s JOIN idempotency_keys k ON k.code = s.code WHERE s.description = '故障测试'"));
        await using var acknowledgedCodes = new NpgsqlCommand("SELECT count(*) FROM sites WHERE code = ANY($1)", connection) { Parameters = { new() { Value = acknowledged.Values.ToArray() } } };
        Assert.Equal((long)keys.Count, (long)(await acknowledgedCodes.ExecuteScalarAsync())!);
    }

    private Process StartServerProcess(int port)
    {
        var dll = Path.Combine(RepoPaths.Root, "src", "GeoGrid.Server", "bin", "Release", "net10.0", "GeoGrid.Server.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["GEOGRID_DB"] = _cluster.ConnectionString;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilServingAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "the server did not start within a minute");
            await Task.Delay(200);
        }
    }

    private async Task<AppUnderTest> StartAppAsync()
    {
        var url = $"http://127.0.0.1:{EmbeddedCluster.FreePort()}";
        var app = GeoGridApp.Build(["--urls", url], b => b.Configuration[GeoGridApp.ConnectionStringKey] = _cluster.ConnectionString);
        await app.StartAsync();
        return new AppUnderTest(app, url);
    }

    /// <summary>
    /// Four clients read items, a tile and the health page in a loop while <paramref name="fault"/>
    /// happens, then until the items answer 200 again (at most 30 s): every answer, by phase.
    /// </summary>
    /// <summary>
    /// Keeps the database down until the clients have had a dozen answers in the fault phase (at least
    /// three seconds, at most thirty): on a busy machine a fixed pause may pass before a request lands.
    /// </summary>
    private static async Task WhileDownAsync(ConcurrentQueue<(string Phase, int Status, bool RetryAfter)> answers)
    {
        var start = DateTime.UtcNow;
        while (DateTime.UtcNow - start < TimeSpan.FromSeconds(30)
            && (DateTime.UtcNow - start < TimeSpan.FromSeconds(3) || answers.Count(a => a.Phase == "fault" && a.Status == 503) < 12))
        {
            await Task.Delay(100);
        }
    }

    private static async Task<List<(string Phase, int Status, bool RetryAfter)>> UnderLoadAsync(string url, Func<ConcurrentQueue<(string Phase, int Status, bool RetryAfter)>, Task> fault)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(15) };
        var answers = new ConcurrentQueue<(string Phase, int Status, bool RetryAfter)>();
        var phase = "before";
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var paths = new[] { "/ogc/collections/sites/items?limit=5", "/tiles/sites/12/3340/1625.mvt", "/ogc/collections/reports/items?limit=3&filter=status%3D%27submitted%27", "/health" };
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await http.GetAsync(paths[(i + w) % paths.Length], stop.Token);
                    await response.Content.ReadAsByteArrayAsync(stop.Token);
                    answers.Enqueue((phase, (int)response.StatusCode, response.Headers.RetryAfter is not null));
                }
                catch (HttpRequestException)
                {
                    answers.Enqueue((phase, -1, false));
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                await Task.Delay(10);
            }
        })).ToList();

        // Serving first: a few answers before the fault (the first requests of a cold server on a busy
        // machine can take longer than any fixed pause).
        var warm = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < warm && answers.Count(a => a.Phase == "before" && a.Status == 200) < 8)
        {
            await Task.Delay(100);
        }

        phase = "fault";
        await fault(answers);
        phase = "after";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !answers.Any(a => a.Phase == "after" && a.Status == 200))
        {
            await Task.Delay(200);
        }

        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        return answers.ToList();
    }

    private static void AssertOutageAnswered(List<(string Phase, int Status, bool RetryAfter)> statuses)
    {
        var summary = string.Join(", ", statuses.GroupBy(s => (s.Phase, s.Status)).Select(g => $"{g.Key.Phase} {g.Key.Status}×{g.Count()}"));
        Assert.DoesNotContain(statuses, s => s.Status >= 500 && s.Status != 503);
        // A connection cut while the fault happens is a response the server aborted mid-stream, on
        // purpose (half a document must not look whole); before and after, every request is answered.
        Assert.DoesNotContain(statuses, s => s.Status == -1 && s.Phase != "fault");
        Assert.Contains(statuses, s => s.Phase == "before" && s.Status == 200);
        Assert.Contains(statuses, s => s.Status == 503);
        Assert.All(statuses.Where(s => s.Status == 503), s => Assert.True(s.RetryAfter, "a 503 without Retry-After"));
        Assert.True(statuses.Any(s => s.Phase == "after" && s.Status == 200), "no 200 after the database came back: " + summary);
    }

    private sealed class AppUnderTest(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}

/// <summary>The fault tests run one at a time, beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection
{
    public const string Name = "Faults";
}
