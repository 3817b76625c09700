using System.Text.Json.Nodes;
using GeoGrid.Formats;
using GeoGrid.Testing;

namespace GeoGrid.Cli.Tests.Commands;

[Collection(PostGisCollection.Name)]
public sealed class AnalyzeCommandTests(PostGisFixture db) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geogrid-analyze-").FullName;

    [Fact]
    public async Task Coverage_of_the_exported_demo_grids_finds_only_the_unstaffed_ones_and_a_removed_village_leaves_its_gap()
    {
        var grids = Path.Combine(_folder, "grids.geojson");
        Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "export", "--layer", "grids", "-o", grids)).ExitCode);

        var problems = Path.Combine(_folder, "problems.geojson");
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "analyze", "coverage", "--input", grids, "-o", problems);
        Assert.True(code == 0, errors);
        var found = FeatureFiles.Read(problems, out _);
        var unstaffed = await db.ScalarAsync<long>("SELECT count(*) FROM grids g WHERE NOT EXISTS (SELECT 1 FROM grid_workers w WHERE w.grid_id = g.id)");
        Assert.Equal(unstaffed, found.Count(f => (string)f.Properties["kind"]! == "no_worker"));
        Assert.Equal(found.Count, found.Count(f => (string)f.Properties["kind"]! == "no_worker"));

        // Take 南王村 (古荥镇) out of the file: 古荥镇 now has a gap of its size, bordered by its neighbours.
        var json = JsonNode.Parse(await File.ReadAllTextAsync(grids))!;
        var features = json["features"]!.AsArray();
        var village = features.Single(f => (string?)f!["properties"]!["code"] == "G410108101206")!;
        features.Remove(village);
        var holed = Path.Combine(_folder, "holed.geojson");
        await File.WriteAllTextAsync(holed, json.ToJsonString());
        var holedProblems = Path.Combine(_folder, "holed-problems.geojson");
        Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "analyze", "coverage", "--input", holed, "-o", holedProblems)).ExitCode);
        var gap = Assert.Single(FeatureFiles.Read(holedProblems, out _), f => (string)f.Properties["kind"]! == "gap");
        Assert.Equal("G410108101", gap.Properties["parent"]);
        var area = await db.ScalarAsync<double>("SELECT ST_Area(geom::geography) FROM grids WHERE code = 'G410108101206'");
        Assert.Equal(area, Convert.ToDouble(gap.Properties["area_m2"], System.Globalization.CultureInfo.InvariantCulture), area * 0.001);
    }

    [Fact]
    public async Task A_negative_sliver_area_is_refused_by_name()
    {
        var input = Path.Combine(_folder, "one.geojson");
        await File.WriteAllTextAsync(input, """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[[113.6,34.7],[113.61,34.7],[113.61,34.71],[113.6,34.7]]]}}]}""");
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "analyze", "coverage", "--input", input, "--sliver-area", "-1");
        Assert.Equal(1, code);
        Assert.Contains("--sliver-area", errors);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
