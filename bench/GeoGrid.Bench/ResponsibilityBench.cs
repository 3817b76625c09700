using System.Diagnostics;
using System.Globalization;
using GeoGrid.Storage;
using GeoGrid.Storage.Analysis;
using NetTopologySuite.Geometries;

namespace GeoGrid.Bench;

/// <summary>
/// "Who is responsible here?" over HTTP, one request after another, at random points across the
/// demo's districts: latency percentiles as a client sees them, beside the same lookups made directly
/// against PostGIS (the one prepared statement the endpoint runs), which is the floor.
/// </summary>
internal static class ResponsibilityBench
{
    public static async Task<Dictionary<string, object>> RunAsync(string baseUrl, int lookups, string connectionString)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var points = Enumerable.Range(0, lookups + 50).Select(i => new Random(7 + i)).Select(r => (Lon: 112.8 + (r.NextDouble() * 1.3), Lat: 34.3 + (r.NextDouble() * 0.6))).ToArray();
        var http = await TimeAsync(points, async p =>
        {
            using var response = await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/analyses/responsibility?lon={p.Lon:F6}&lat={p.Lat:F6}&radius=500"));
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
        });

        await using var dataSource = GeoGridDataSource.Create(connectionString);
        var lookup = new ResponsibilityLookup(new GeoGrid.Storage.ReadSource(dataSource));
        var factory = new GeometryFactory(new PrecisionModel(), 4490);
        var direct = await TimeAsync(points, p => lookup.LookupAsync(factory.CreatePoint(new Coordinate(p.Lon, p.Lat)), 500, 1000, false, CancellationToken.None));

        return new()
        {
            ["bench"] = "responsibility",
            ["lookups"] = lookups,
            ["p50_ms"] = Percentile(http, 0.50),
            ["p95_ms"] = Percentile(http, 0.95),
            ["p99_ms"] = Percentile(http, 0.99),
            ["postgis_p50_ms"] = Percentile(direct, 0.50),
            ["postgis_p95_ms"] = Percentile(direct, 0.95),
            ["ratio_p95"] = Math.Round(Percentile(http, 0.95) / Percentile(direct, 0.95), 2),
        };
    }

    /// <summary>Milliseconds of each call after the first 50 (warm-up), sorted.</summary>
    private static async Task<double[]> TimeAsync<T>(T[] inputs, Func<T, Task> call)
    {
        var times = new List<double>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            await call(inputs[i]);
            if (i >= 50)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return [.. times];
    }

    private static double Percentile(double[] sorted, double q) => Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)], 2);
}
