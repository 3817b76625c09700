using System.Net;
using System.Net.Http.Json;
using GeoGrid.Server.Health;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Health;

[Collection(PostGisCollection.Name)]
public sealed class HealthApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    [Fact]
    public async Task Health_reports_postgis_and_the_schema_version()
    {
        var response = await _factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<HealthReport>();
        Assert.Equal("ok", report!.Status);
        Assert.StartsWith("3.", report.PostGis);
        Assert.Equal(GeoGrid.Storage.Schema.SqlFiles.List("Migrations/").Count, report.SchemaVersion);
    }

    [Fact]
    public async Task Unknown_paths_answer_with_problem_details()
    {
        var response = await _factory.CreateClient().GetAsync("/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_features_and_tiles_endpoints()
    {
        var doc = System.Text.Json.JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi.json")).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/ogc/collections/{collectionId}/items", paths);
        Assert.Contains("/tiles/{tileset}/{z}/{x}/{y}.mvt", paths);
        Assert.Contains("/wmts", paths);
        // The people side too, and how to sign in for it.
        Assert.Contains("/plans/{id}/split", paths);
        Assert.Contains("/open311/v2/requests.{format}", paths);
        Assert.Contains("/ogc/collections/sites/items/{featureId}/events", paths);
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-API-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Browser_clients_on_other_origins_may_read_tiles()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tiles/geogrid.json");
        request.Headers.Add("Origin", "https://map.example.test");
        var response = await _factory.CreateClient().SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    public void Dispose() => _factory.Dispose();
}
