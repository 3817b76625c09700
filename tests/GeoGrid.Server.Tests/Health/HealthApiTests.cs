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
        Assert.Equal(1, report.SchemaVersion);
    }

    [Fact]
    public async Task Unknown_paths_answer_with_problem_details()
    {
        var response = await _factory.CreateClient().GetAsync("/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _factory.Dispose();
}
