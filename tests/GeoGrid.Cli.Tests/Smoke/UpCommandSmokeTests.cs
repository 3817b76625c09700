using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using GeoGrid.Storage.Catalog;
using GeoGrid.Storage.Cluster;
using GeoGrid.Testing;
using Xunit.Abstractions;

namespace GeoGrid.Cli.Tests.Smoke;

/// <summary>
/// The README's run command itself: <c>./geogrid up</c> in the background on a free port against a
/// fresh cluster of its own, checked through HTTP as a user would, stopped, started again (it must
/// reuse cluster and data), and the cluster deleted.
/// </summary>
public sealed class UpCommandSmokeTests(ITestOutputHelper output) : IDisposable
{
    // A private (0700) temporary folder: the cluster must still work, as it must in a clone under /root.
    private readonly string _home = Directory.CreateTempSubdirectory("geogrid-up-").FullName;

    [Fact]
    public async Task Geogrid_up_serves_the_landing_page_with_the_demo_layers_and_reuses_its_data_on_restart()
    {
        var port = EmbeddedCluster.FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        List<LayerCount> layers = [];
        var first = await WhileServingAsync(port, http, async () =>
        {
            var html = await http.GetStringAsync("/");
            Assert.Contains("<div id=\"layers\">", html);
            Assert.Contains("三级网格", html);
            layers = await http.GetFromJsonAsync<List<LayerCount>>("/api/layers") ?? [];
            Assert.True(layers.Single(l => l.Id == "grids-3").Features > 10_000);
            Assert.True(layers.Single(l => l.Id == "reports").Features > 9_880);
            Assert.Contains("\"status\":\"ok\"", await http.GetStringAsync("/health"));
        });
        Assert.Contains("demo data: loaded", first);

        var second = await WhileServingAsync(port, http, async () =>
            Assert.Equal(layers.Select(l => l.Features), (await http.GetFromJsonAsync<List<LayerCount>>("/api/layers") ?? []).Select(l => l.Features)));
        Assert.Contains("demo data: already loaded", second);
    }

    /// <summary>Starts <c>./geogrid up</c>, waits for /health, runs <paramref name="check"/>, stops it again
    /// and returns what it printed.</summary>
    private async Task<string> WhileServingAsync(int port, HttpClient http, Func<Task> check)
    {
        var log = new StringBuilder();
        // The process's output threads append to the log while this loop runs: read it only under its lock
        // (an unlocked ToString() of a StringBuilder being appended to threw here in a full run).
        string Log()
        {
            lock (log)
            {
                return log.ToString();
            }
        }

        using var process = Start(["up", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], log);
        var started = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    Assert.Fail($"./geogrid up exited with {process.ExitCode}:\n{Log()}");
                }

                if (started.Elapsed > TimeSpan.FromMinutes(8))
                {
                    Assert.Fail($"not serving after {started.Elapsed}:\n{Log()}");
                }

                try
                {
                    if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(500);
            }

            output.WriteLine($"serving after {started.Elapsed.TotalSeconds:F1} s");
            await check();
            return Log();
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.WriteLine(Log());
        }
    }

    private Process Start(IReadOnlyList<string> args, StringBuilder log)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "geogrid"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["GEOGRID_HOME"] = _home;
        info.Environment.Remove("GEOGRID_DB");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public void Dispose()
    {
        var log = new StringBuilder();
        using (var reset = Start(["db", "reset"], log))
        {
            reset.WaitForExit(TimeSpan.FromMinutes(5));
        }

        lock (log)
        {
            output.WriteLine(log.ToString());
        }

        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
