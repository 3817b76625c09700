using GeoGrid.Server.Hosting;
using GeoGrid.Storage.Cluster;
using GeoGrid.Testing;
using Microsoft.AspNetCore.Builder;

namespace GeoGrid.Server.Tests;

/// <summary>The real app on a real loopback socket, for clients that cannot use the in-memory test
/// server (GDAL, a browser).</summary>
public sealed class LiveServer(PostGisFixture db, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    private WebApplication? _app;

    public string Url { get; } = $"http://127.0.0.1:{EmbeddedCluster.FreePort()}";

    public async Task StartAsync()
    {
        _app = GeoGridApp.Build(["--urls", Url], b =>
        {
            b.Configuration[GeoGridApp.ConnectionStringKey] = db.ConnectionString;
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                b.Configuration[key] = value;
            }
        });
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
