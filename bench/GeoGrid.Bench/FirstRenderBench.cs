using System.Diagnostics;
using Microsoft.Playwright;

namespace GeoGrid.Bench;

/// <summary>
/// The web map's first render at the city view on loopback, in Debian's chromium (SwiftShader: no GPU
/// here): from navigation to MapLibre's first <c>idle</c> (every tile of the view loaded and drawn), each
/// run in a fresh browser context (nothing cached), and the bytes the page loaded by kind. The target
/// (the web-app issue): ≤ 2 s.
/// </summary>
internal static class FirstRenderBench
{
    public static async Task<Dictionary<string, object>> RunAsync(string url, int runs)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var times = new List<double>();
        var stageTimes = new List<double[]>();
        var bytes = new Dictionary<string, long>();
        for (var run = 0; run <= runs; run++)
        {
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            var page = await context.NewPageAsync();
            var loaded = new Dictionary<string, long>();
            page.Response += async (_, response) =>
            {
                try
                {
                    var kind = Kind(response.Url);
                    var size = (await response.BodyAsync()).Length;
                    lock (loaded) loaded[kind] = loaded.GetValueOrDefault(kind) + size;
                }
                catch (PlaywrightException)
                {
                    // A response whose body went with the page: not counted.
                }
            };
            var clock = Stopwatch.StartNew();
            // The city view: all of Zhengzhou's districts.
            await page.GotoAsync($"{url}/#9.6/34.72/113.62");
            await page.WaitForFunctionAsync("document.body.dataset.mapIdle === 'true'", null, new() { Timeout = 120_000, PollingInterval = 10 });
            var ms = clock.Elapsed.TotalMilliseconds;
            // Where the time went, from the page's own clock: scripts in, style loaded, last tile in, idle.
            var stages = await page.EvaluateAsync<double[]>("""
                (() => {
                  const r = performance.getEntriesByType('resource');
                  const end = (test) => Math.max(0, ...r.filter(e => test(e.name)).map(e => e.responseEnd));
                  return [end(n => /\.m?js$/.test(n)), end(n => n.includes('/styles/')), end(n => n.endsWith('.mvt')), performance.now()];
                })()
                """);
            // The first run warms the server (its tile cache, prepared statements), not the browser.
            if (run == 0) continue;
            times.Add(ms);
            stageTimes.Add(stages);
            if (run == 1)
            {
                lock (loaded) foreach (var (k, v) in loaded) bytes[k] = v;
            }
        }

        times.Sort();
        return new()
        {
            ["bench"] = "first-render",
            ["runs"] = runs,
            ["median_ms"] = Math.Round(times[times.Count / 2]),
            ["max_ms"] = Math.Round(times[^1]),
            // Medians over the runs, in ms since navigation started.
            ["scripts_loaded_ms"] = Median(stageTimes.Select(t => t[0])),
            ["style_loaded_ms"] = Median(stageTimes.Select(t => t[1])),
            ["last_tile_ms"] = Median(stageTimes.Select(t => t[2])),
            ["idle_ms"] = Median(stageTimes.Select(t => t[3])),
            ["bytes"] = bytes,
        };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return Math.Round(sorted[sorted.Count / 2]);
    }

    private static string Kind(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return path.EndsWith(".mvt", StringComparison.Ordinal) ? "tiles"
            : path.EndsWith(".pbf", StringComparison.Ordinal) ? "glyphs"
            : path.EndsWith(".js", StringComparison.Ordinal) || path.EndsWith(".mjs", StringComparison.Ordinal) ? "scripts"
            : path.EndsWith(".css", StringComparison.Ordinal) ? "styles"
            : "other";
    }
}
