using GeoGrid.Server.Hosting;
using GeoGrid.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GeoGrid.Server.Tests;

/// <summary>The real app over the fixture's PostGIS database.</summary>
public sealed class GeoGridFactory(PostGisFixture db) : WebApplicationFactory<Program>
{
    /// <summary>GETs <paramref name="path"/>, fails the test unless it succeeded, and parses the JSON answer.</summary>
    public async Task<System.Text.Json.JsonElement> GetJsonAsync(string path)
    {
        var response = await CreateClient().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting(GeoGridApp.ConnectionStringKey, db.ConnectionString);
}
