using System.Diagnostics;
using System.Globalization;

namespace GeoGrid.Bench;

/// <summary>
/// "Who is responsible here?" over HTTP, one request after another, at random points across the
/// demo's districts: latency percentiles as a client sees them.
/// </summary>
internal static class ResponsibilityBench
{
    public static async Task<Dictionary<string, object>> RunAsync(string baseUrl, int lookups)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var random = new Random(7);
        string Next() => string.Create(CultureInfo.InvariantCulture, $"/analyses/responsibility?lon={112.8 + (random.NextDouble() * 1.3):F6}&lat={34.3 + (random.NextDouble() * 0.6):F6}&radius=500");
        for (var i = 0; i < 50; i++)
        {
            (await client.GetAsync(Next())).EnsureSuccessStatusCode();
        }

        var times = new double[lookups];
        for (var i = 0; i < lookups; i++)
        {
            var url = Next();
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            times[i] = clock.Elapsed.TotalMilliseconds;
            response.EnsureSuccessStatusCode();
        }

        Array.Sort(times);
        double Percentile(double q) => times[Math.Min(lookups - 1, (int)Math.Ceiling(q * lookups) - 1)];
        return new()
        {
            ["bench"] = "responsibility",
            ["lookups"] = lookups,
            ["p50_ms"] = Math.Round(Percentile(0.50), 2),
            ["p95_ms"] = Math.Round(Percentile(0.95), 2),
            ["p99_ms"] = Math.Round(Percentile(0.99), 2),
            ["max_ms"] = Math.Round(times[^1], 2),
        };
    }
}
