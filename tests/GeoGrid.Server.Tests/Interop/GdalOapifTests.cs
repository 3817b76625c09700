using System.Text.Json;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Interop;

/// <summary>GDAL's OGC API – Features driver, a real client, reads collections over a real socket.</summary>
[Collection(PostGisCollection.Name)]
public sealed class GdalOapifTests(PostGisFixture db) : IAsyncLifetime
{
    private readonly LiveServer _server = new(db);

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("sites", "SELECT code FROM sites")]
    [InlineData("road-segments", "SELECT code FROM road_segments")]
    [InlineData("grids-2", "SELECT code FROM grids WHERE level = 2")]
    public async Task Ogr2ogr_reads_every_feature_postgis_holds(string collection, string sql)
    {
        var json = await ExternalTool.RunAsync("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", $"OAPIF:{_server.Url}/ogc", collection);
        var codes = JsonDocument.Parse(json).RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();

        var expected = new List<string>();
        await using (var cmd = db.DataSource.CreateCommand(sql))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected.Add(reader.GetString(0));
            }
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), codes);
    }
}
