using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Hardening;

/// <summary>
/// 64 clients at once on a real socket for a bounded time, mixing what the service's users do — map
/// tiles (vector and raster), filtered feature pages, "who is responsible here?" and 随手拍 intake — must
/// get no 5xx and no dropped connection. (How fast, and how memory behaves after it, is measured by
/// bench/load.sh, not asserted here.)
/// </summary>
[Collection(PostGisCollection.Name)]
public sealed class MixedLoadTests(PostGisFixture db)
{
    private const string Marker = "负载测试";

    [Fact]
    public async Task Sixty_four_clients_mixing_tiles_pages_lookups_and_reports_get_no_server_error()
    {
        await using var server = new LiveServer(db);
        await server.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        var statuses = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(12));

        async Task ClientAsync(int client)
        {
            var random = new Random(client);
            // Every client makes each kind of request at least once, then goes on until the time is up.
            for (var i = 0; i < 6 || !stop.IsCancellationRequested; i++)
            {
                var (kind, request) = Next(random, client, i);
                try
                {
                    using var response = await http.SendAsync(request, CancellationToken.None);
                    await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                    statuses.AddOrUpdate($"{kind} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Enqueue($"{request.RequestUri}: {(int)response.StatusCode}");
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"{request.RequestUri}: {e.Message}");
                }
                finally
                {
                    request.Dispose();
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, 64).Select(c => Task.Run(() => ClientAsync(c))));
            var summary = string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}×{s.Value}"));
            Assert.True(failures.IsEmpty, $"{failures.Count} failures, e.g. {string.Join("; ", failures.Take(5))} ({summary})");
            foreach (var kind in new[] { "mvt 200", "png 200", "items 200", "lookup 200", "intake 201" })
            {
                Assert.True(statuses.ContainsKey(kind), $"no '{kind}' answered: {summary}");
            }
        }
        finally
        {
            await db.ScalarAsync<long>("WITH gone AS (DELETE FROM reports WHERE text = $1 RETURNING 1) SELECT count(*) FROM gone", Marker);
        }
    }

    /// <summary>One request of the mix: where people look (the city, 高村乡), what they filter, where they stand.</summary>
    private static (string Kind, HttpRequestMessage Request) Next(Random random, int client, int i)
    {
        var lon = 113.1 + (random.NextDouble() * 0.7);
        var lat = 34.6 + (random.NextDouble() * 0.3);
        var z = random.Next(9, 16);
        var (x, y) = TileNumbers.Of(lon, lat, z);
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        switch (i % 6)
        {
            case 0 or 1:
                return ("mvt", new HttpRequestMessage(HttpMethod.Get, F($"/tiles/geogrid/{z}/{x}/{y}.mvt")));
            case 2:
                return ("png", new HttpRequestMessage(HttpMethod.Get, F($"/tiles/towns/{Math.Min(z, 13)}/{x >> Math.Max(0, z - 13)}/{y >> Math.Max(0, z - 13)}.png")));
            case 3:
                var filter = Uri.EscapeDataString(F($"category = 'sanitation' AND S_DWITHIN(geometry, POINT({lon:0.####} {lat:0.####}), 2000)"));
                return ("items", new HttpRequestMessage(HttpMethod.Get, F($"/ogc/collections/reports/items?limit=50&filter={filter}&bbox={lon - 0.1:0.####},{lat - 0.1:0.####},{lon + 0.1:0.####},{lat + 0.1:0.####}")));
            case 4:
                return ("lookup", new HttpRequestMessage(HttpMethod.Get, F($"/analyses/responsibility?lon={lon:0.#####}&lat={lat:0.#####}")));
            default:
                var post = new HttpRequestMessage(HttpMethod.Post, "/ogc/collections/reports/items")
                {
                    Content = new StringContent("{\"type\":\"Feature\",\"properties\":{\"category\":\"环境卫生\",\"text\":\"" + Marker + "\"},\"geometry\":"
                        + F($"{{\"type\":\"Point\",\"coordinates\":[{lon:0.######},{lat:0.######}]}}") + "}", Encoding.UTF8, "application/geo+json"),
                };
                post.Headers.Add("Idempotency-Key", F($"load-{client}-{i}-{Guid.NewGuid():N}"));
                return ("intake", post);
        }
    }
}
