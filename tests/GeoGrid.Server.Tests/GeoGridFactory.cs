using System.Collections.Concurrent;
using GeoGrid.Core.Access;
using GeoGrid.Server.Hosting;
using GeoGrid.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GeoGrid.Server.Tests;

/// <summary>The real app over the fixture's PostGIS database. Rate limits are raised for the suite's
/// own many requests from one address, except where a test sets them (<paramref name="settings"/>).</summary>
public sealed class GeoGridFactory(PostGisFixture db, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();

    /// <summary>GETs <paramref name="path"/>, fails the test unless it succeeded, and parses the JSON answer.</summary>
    public async Task<System.Text.Json.JsonElement> GetJsonAsync(string path)
    {
        var response = await CreateClient().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A client signed in as a user with <paramref name="role"/>, limited to <paramref name="areas"/> (none: everywhere).</summary>
    public async Task<HttpClient> ClientAsync(Role role, params string[] areas)
    {
        var name = await TestUsers.EnsureAsync(db.DataSource, role, areas);
        var token = await _tokens.GetOrAdd(name, n => TestUsers.SignInAsync(CreateClient(), n));
        return CreateClient().WithToken(token);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(GeoGridApp.ConnectionStringKey, db.ConnectionString);
        builder.UseSetting("GeoGrid:Intake:PerMinute", "100000");
        builder.UseSetting("GeoGrid:Auth:SignInsPerMinute", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
