using System.Diagnostics;
using System.Net;
using System.Text;
using GeoGrid.Core.Access;
using GeoGrid.Storage.Cluster;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Hosting;

/// <summary>Two GeoGrid servers over one database behind Debian's nginx on loopback, as a deployment
/// would run them: requests alternate between them, and an edit through one reaches the tiles both
/// serve at once (the edit notice), not after their data-version check.</summary>
[Collection(PostGisCollection.Name)]
public sealed class BalancedServersTests(PostGisFixture db)
{
    private sealed class Nginx : IAsyncDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("geogrid-nginx-").FullName;
        private Process? _process;

        public string Url { get; } = $"http://127.0.0.1:{EmbeddedCluster.FreePort()}";

        public async Task StartAsync(params string[] upstreams)
        {
            // One process in the foreground, everything in a folder of its own: nothing of the system's nginx is used.
            var config = Path.Combine(_folder, "nginx.conf");
            await File.WriteAllTextAsync(config, $$"""
                daemon off;
                master_process off;
                pid {{_folder}}/nginx.pid;
                error_log {{_folder}}/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path {{_folder}}/body;
                    proxy_temp_path {{_folder}}/proxy;
                    fastcgi_temp_path {{_folder}}/fastcgi;
                    uwsgi_temp_path {{_folder}}/uwsgi;
                    scgi_temp_path {{_folder}}/scgi;
                    upstream geogrid { {{string.Concat(upstreams.Select(u => $"server {new Uri(u).Authority}; "))}} }
                    server {
                        listen {{new Uri(Url).Authority}};
                        location / {
                            proxy_pass http://geogrid;
                            proxy_set_header Host $http_host;
                            add_header X-Upstream $upstream_addr always;
                        }
                    }
                }
                """);
            var info = new ProcessStartInfo("/usr/sbin/nginx") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-p", _folder, "-e", Path.Combine(_folder, "error.log"), "-c", config })
            {
                info.ArgumentList.Add(a);
            }

            _process = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start (./geogrid test installs it)");
            using var probe = new HttpClient();
            for (var i = 0; i < 100; i++)
            {
                Assert.False(_process.HasExited, _process.HasExited ? $"nginx stopped: {await _process.StandardError.ReadToEndAsync()}" : null);
                try
                {
                    await probe.GetAsync(Url + "/health");
                    return;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process?.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Behind_nginx_two_servers_share_the_load_and_an_edit_through_one_reaches_the_tiles_of_both_at_once()
    {
        // The data-version check is an hour away: only the edit notice can drop a cached tile.
        var settings = new Dictionary<string, string> { ["GeoGrid:TileCache:VersionCheckSeconds"] = "3600" };
        await using var a = new LiveServer(db, settings);
        await using var b = new LiveServer(db, settings);
        await a.StartAsync();
        await b.StartAsync();
        await using var nginx = new Nginx();
        await nginx.StartAsync(a.Url, b.Url);
        using var client = new HttpClient { BaseAddress = new Uri(nginx.Url) };

        // The z15 tile of a point by the Yellow River in 惠济区, asked for until both servers have drawn and cached it.
        const double lon = 113.6488, lat = 34.9071;
        var (x, y) = TileNumbers.Of(lon, lat, 15);
        var url = $"/tiles/geogrid/15/{x}/{y}.mvt";
        async Task<(string Upstream, byte[] Tile)> GetTileAsync()
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (response.Headers.GetValues("X-Upstream").Single(), await response.Content.ReadAsByteArrayAsync());
        }

        var before = new List<(string Upstream, byte[] Tile)>();
        for (var i = 0; i < 4; i++) before.Add(await GetTileAsync());
        Assert.Equal(new[] { new Uri(a.Url).Authority, new Uri(b.Url).Authority }.Order(), before.Select(r => r.Upstream).Distinct().Order());
        Assert.All(before, r => Assert.Equal(before[0].Tile, r.Tile));

        // A site reported through the balancer: one server writes it.
        var name = await TestUsers.EnsureAsync(db.DataSource, Role.Inspector);
        using var inspector = new HttpClient { BaseAddress = new Uri(nginx.Url) };
        inspector.WithToken(await TestUsers.SignInAsync(inspector, name));
        var made = await inspector.PostAsync("/ogc/collections/sites/items", new StringContent(
            "{\"type\":\"Feature\",\"properties\":{\"category\":\"乱占\",\"description\":\"负载均衡测试\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[113.6488,34.9071]}}",
            Encoding.UTF8, "application/geo+json"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var code = made.Headers.Location!.Segments[^1];

        // Both servers serve the new site in the tile within moments (waited for, not timed).
        var fresh = new HashSet<string>();
        for (var i = 0; i < 200 && fresh.Count < 2; i++)
        {
            var (upstream, tile) = await GetTileAsync();
            if (Encoding.UTF8.GetString(tile).Contains(code, StringComparison.Ordinal)) fresh.Add(upstream);
            else await Task.Delay(50);
        }

        Assert.Equal(2, fresh.Count);
    }
}
