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
    public async Task Ogr2ogr_reads_every_feature_postgis_holds(string collection, string sql) =>
        Assert.Equal(await CodesAsync(sql), await Ogr2OgrCodesAsync($"OAPIF:{_server.Url}/ogc", collection));

    // GDAL 3.6 keeps the query of a collection URL on every items request it makes (paging included),
    // so a CQL2 filter given there is evaluated by the server, as a client filtering on the server does.
    [Theory]
    [InlineData("sites", "category='dumping' AND S_DWITHIN(geometry,POINT(113.63 34.89),5000)",
        "SELECT code FROM sites WHERE category = 'dumping' AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(113.63, 34.89), 4490)::geography, 5000)")]
    [InlineData("grids-3", "households > 150 AND code LIKE 'G410182201%'",
        "SELECT code FROM grids WHERE level = 3 AND households > 150 AND code LIKE 'G410182201%'")]
    [InlineData("reports", "status <> 'closed' AND T_AFTER(created_at, TIMESTAMP('2026-06-01T00:00:00Z'))",
        "SELECT code FROM reports WHERE status <> 'closed' AND created_at > '2026-06-01T00:00:00Z'")]
    public async Task Ogr2ogr_with_a_cql2_filter_reads_what_postgis_selects(string collection, string filter, string sql)
    {
        var expected = await CodesAsync(sql);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await Ogr2OgrCodesAsync($"OAPIF:{_server.Url}/ogc/collections/{collection}?filter={Uri.EscapeDataString(filter)}"));
    }

    private static async Task<List<string>> Ogr2OgrCodesAsync(params string[] source)
    {
        var json = await ExternalTool.RunAsync("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", .. source]);
        return JsonDocument.Parse(json).RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<List<string>> CodesAsync(string sql)
    {
        var expected = new List<string>();
        await using (var cmd = db.DataSource.CreateCommand(sql))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected.Add(reader.GetString(0));
            }
        }

        return [.. expected.Order(StringComparer.Ordinal)];
    }
}
