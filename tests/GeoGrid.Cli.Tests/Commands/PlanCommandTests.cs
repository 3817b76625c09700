using System.Text.Json.Nodes;
using GeoGrid.Testing;

namespace GeoGrid.Cli.Tests.Commands;

[Collection(PostGisCollection.Name)]
public sealed class PlanCommandTests(PostGisFixture db) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geogrid-plan-").FullName;

    [Fact]
    public async Task A_file_of_redrawn_children_is_applied_as_one_plan_and_a_file_with_a_gap_writes_nothing()
    {
        var parent = await db.ScalarAsync<string>("""
            SELECT p.code FROM grids p JOIN grids c ON c.parent_id = p.id WHERE p.level = 2 AND p.area_code LIKE '410108%'
             GROUP BY p.code HAVING count(*) BETWEEN 3 AND 6 ORDER BY p.code OFFSET 5 LIMIT 1
            """);
        var json = JsonNode.Parse(await db.ScalarAsync<string>("""
            SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object('type', 'Feature',
                   'properties', json_build_object('code', c.code, 'name', c.name, 'households', c.households), 'geometry', ST_AsGeoJSON(c.geom)::json) ORDER BY c.code))::text
              FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1
            """, parent))!;
        var features = json["features"]!.AsArray();
        var first = (string)features[0]!["properties"]!["code"]!;
        features[0]!["properties"]!["name"] = "批量改名网格";
        features[0]!["properties"]!["households"] = 321;
        var renamed = Path.Combine(_folder, "renamed.geojson");
        await File.WriteAllTextAsync(renamed, json.ToJsonString());

        // A gap: one child left out.
        var holed = JsonNode.Parse(json.ToJsonString())!;
        holed["features"]!.AsArray().RemoveAt(1);
        var gap = Path.Combine(_folder, "gap.geojson");
        await File.WriteAllTextAsync(gap, holed.ToJsonString());
        var versions = await db.ScalarAsync<long>("SELECT sum(c.version) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1", parent);
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "plan", "apply", gap, "--grid", parent);
        Assert.Equal(1, code);
        Assert.Contains("gap", errors, StringComparison.Ordinal);
        Assert.Equal(versions, await db.ScalarAsync<long>("SELECT sum(c.version) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = $1", parent));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM plans WHERE parent_code = $1 AND status = 'draft'", parent));

        (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "plan", "apply", renamed, "--grid", parent, "--title", "批量测试");
        Assert.True(code == 0, errors);
        Assert.Equal("批量改名网格", await db.ScalarAsync<string>("SELECT name FROM grids WHERE code = $1", first));
        Assert.Equal(321, await db.ScalarAsync<int>("SELECT households FROM grids WHERE code = $1", first));
        Assert.Equal("applied", await db.ScalarAsync<string>("SELECT status FROM plans WHERE title = '批量测试' AND parent_code = $1", parent));
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM grid_history WHERE code = $1 AND valid_to < 'infinity'", first));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
