using System.Text;
using GeoGrid.Core.Crs;
using GeoGrid.Formats;
using GeoGrid.Storage.Features;
using GeoGrid.Testing;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Cli.Tests.Commands;

[Collection(PostGisCollection.Name)]
public sealed class ImportExportTests(PostGisFixture db) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geogrid-cli-").FullName;

    [Theory]
    [InlineData("sites", "sites.geojson", "EPSG:4326")]
    [InlineData("sites", "sites.gpkg", "EPSG:4547")]
    [InlineData("sites", "sites.csv", "EPSG:4326")]
    [InlineData("reports", "reports.shp", "EPSG:4490")]
    [InlineData("reports", "reports.csv", "EPSG:3857")]
    public async Task An_exported_layer_imports_into_an_empty_database_with_every_feature_kept(string layer, string file, string crs)
    {
        var path = Path.Combine(_folder, file);
        var (exportCode, exportErrors) = await CliRunner.RunAsync(db.ConnectionString, "export", "--layer", layer, "-o", path, "--crs", crs);
        Assert.True(exportCode == 0, exportErrors);

        await using var target = await db.CreateEmptyDatabaseAsync();
        // CSV declares no CRS; the others say theirs and need no --crs.
        string[] crsArgs = file.EndsWith(".csv", StringComparison.Ordinal) ? ["--crs", crs] : [];
        var (code, errors) = await CliRunner.RunAsync(target.ConnectionString, ["import", path, "--layer", layer, .. crsArgs]);
        Assert.True(code == 0, errors);

        var original = await FeatureExporter.ReadAsync(db.DataSource, layer);
        var copy = (await FeatureExporter.ReadAsync(target, layer)).ToDictionary(f => (string)f.Properties["code"]!);
        Assert.Equal(original.Count, copy.Count);
        foreach (var f in original)
        {
            var c = copy[(string)f.Properties["code"]!];
            foreach (var key in new[] { "category", "status", "description", "text" }.Where(f.Properties.ContainsKey))
            {
                Assert.Equal(f.Properties[key], c.Properties[key]);
            }

            // Compared normalised (GeoJSON writers may turn rings around); 1e-8° is about a millimetre,
            // what a round trip through a projected CRS may cost.
            Assert.True(f.Geometry!.Normalized().EqualsExact(c.Geometry!.Normalized(), 1e-8), $"{f.Properties["code"]}: {f.Geometry} != {c.Geometry}");
        }
    }

    [Fact]
    public async Task A_layer_mixing_points_and_polygons_goes_to_one_shapefile_per_type_that_gdal_reads_whole()
    {
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "export", "--layer", "sites", "-o", Path.Combine(_folder, "sites.shp"));
        Assert.True(code == 0, errors);
        var points = await OgrCountAsync(Path.Combine(_folder, "sites_point.shp"));
        var polygons = await OgrCountAsync(Path.Combine(_folder, "sites_polygon.shp"));
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM sites WHERE GeometryType(geom) = 'POINT'"), points);
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM sites WHERE GeometryType(geom) = 'POLYGON'"), polygons);
    }

    [Fact]
    public async Task A_geopackage_keeps_every_geometry_and_numbers_as_numbers_for_gdal()
    {
        var path = Path.Combine(_folder, "grids.gpkg");
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "export", "--layer", "grids", "-o", path);
        Assert.True(code == 0, errors);
        var info = await ExternalTool.RunAsync("ogrinfo", "-so", "-al", path);
        Assert.Contains("households: Integer", info, StringComparison.Ordinal);
        Assert.Contains("code: String", info, StringComparison.Ordinal);
        // GDAL drops a geometry it cannot read (NaN Z/M); every grid must arrive with its geometry.
        var sql = await ExternalTool.RunAsync("ogrinfo", "-q", "-sql", "SELECT count(*) AS n FROM grids WHERE geom IS NOT NULL", path);
        Assert.Contains($"n (Integer) = {await db.ScalarAsync<long>("SELECT count(*) FROM grids")}", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gcj02_export_names_its_crs_as_gcj02_not_an_epsg_code()
    {
        var path = Path.Combine(_folder, "sites-gcj.gpkg");
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "export", "--layer", "sites", "-o", path, "--crs", "GCJ02");
        Assert.True(code == 0, errors);
        var info = await ExternalTool.RunAsync("ogrinfo", "-so", "-al", path);
        Assert.DoesNotContain("EPSG::-2", info, StringComparison.Ordinal);
        Assert.Contains("GCJ-02", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_import_routes_each_report_to_the_grid_postgis_would_choose_even_on_shared_borders()
    {
        // Enough reports to take the in-process route, some of them exactly on grid vertices, where
        // several grids meet and the lowest id must win as in the per-row PostGIS subquery.
        const string marker = "导入路由测试";
        var random = new Random(11);
        var points = Enumerable.Range(0, InProcessCount).Select(_ => (113.1 + (random.NextDouble() * 0.8), 34.6 + (random.NextDouble() * 0.35))).ToList();
        await using (var cmd = db.DataSource.CreateCommand("SELECT ST_X(p.geom), ST_Y(p.geom) FROM (SELECT (ST_DumpPoints(geom)).geom FROM grids WHERE level = 3 ORDER BY id LIMIT 40) p"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                points.Add((reader.GetDouble(0), reader.GetDouble(1)));
            }
        }

        var path = Path.Combine(_folder, "many.geojson");
        var features = points.Select(p => "{\"type\":\"Feature\",\"properties\":{\"category\":\"环境卫生\",\"text\":\"" + marker + "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":["
            + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Item1:R},{p.Item2:R}") + "]}}");
        await File.WriteAllTextAsync(path, "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", features) + "]}", Encoding.UTF8);
        try
        {
            var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "import", path, "--layer", "reports");
            Assert.True(code == 0, errors);
            Assert.Equal(points.Count, await db.ScalarAsync<long>("SELECT count(*) FROM reports WHERE text = $1", marker));
            Assert.Equal(0L, await db.ScalarAsync<long>("""
                SELECT count(*) FROM reports r WHERE r.text = $1
                   AND r.grid_id IS DISTINCT FROM (SELECT g.id FROM grids g WHERE g.level = 3 AND ST_Intersects(g.geom, r.geom) ORDER BY g.id LIMIT 1)
                """, marker));
        }
        finally
        {
            await db.ScalarAsync<long>("WITH gone AS (DELETE FROM reports WHERE text = $1 RETURNING 1) SELECT count(*) FROM gone", marker);
        }
    }

    private const int InProcessCount = FeatureImporter.InProcessRoutingFrom + 500;

    private static async Task<long> OgrCountAsync(string path)
    {
        var info = await ExternalTool.RunAsync("ogrinfo", "-so", "-al", path);
        var line = info.Split('\n').Single(l => l.StartsWith("Feature Count:", StringComparison.Ordinal));
        return long.Parse(line["Feature Count:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_bad_file_is_refused_whole_with_every_failure_listed_by_feature_number()
    {
        var path = Path.Combine(_folder, "bad.geojson");
        await File.WriteAllTextAsync(path, """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"category":"乱堆","description":"堆放建筑垃圾"},"geometry":{"type":"Point","coordinates":[113.62,34.88]}},
             {"type":"Feature","properties":{"category":"乱建","description":"违建"},"geometry":{"type":"Polygon","coordinates":[[[113.6,34.9],[113.7,35.0],[113.7,34.9],[113.6,35.0],[113.6,34.9]]]}},
             {"type":"Feature","properties":{"category":"乱采","description":"采砂"},"geometry":{"type":"Point","coordinates":[460000,3850000]}},
             {"type":"Feature","properties":{"description":"无类别"},"geometry":{"type":"Point","coordinates":[113.62,34.88]}},
             {"type":"Feature","properties":{"category":"乱画","description":"x"},"geometry":{"type":"Point","coordinates":[113.62,34.88]}}
            ]}
            """, Encoding.UTF8);
        await using var target = await db.CreateEmptyDatabaseAsync();

        var (code, errors) = await CliRunner.RunAsync(target.ConnectionString, "import", path, "--layer", "sites");
        Assert.Equal(1, code);
        Assert.Contains("feature 2: geometry: invalid geometry: Self-intersection", errors);
        // Metres read as degrees: outside what longitude/latitude can be at all, and the message asks about the CRS.
        Assert.Matches("feature 3: geometry: .*outside what EPSG:4326 covers.*wrong CRS\\?", errors);
        Assert.Contains("feature 4: category: required attribute is missing", errors);
        Assert.Contains("feature 5: category: '乱画' is not one of occupation, mining, dumping, building", errors);
        Assert.DoesNotContain("feature 1:", errors);
        Assert.Contains("nothing was written", errors);
        Assert.Equal(0L, await CountAsync(target, "sites"));

        var (skipCode, skipErrors) = await CliRunner.RunAsync(target.ConnectionString, "import", path, "--layer", "sites", "--skip-invalid");
        Assert.True(skipCode == 0, skipErrors);
        Assert.Equal(1L, await CountAsync(target, "sites"));
    }

    [Fact]
    public async Task A_reference_the_database_cannot_resolve_is_reported_and_nothing_is_written()
    {
        var path = Path.Combine(_folder, "units.csv");
        await File.WriteAllTextAsync(path, "lon,lat,name,segment_code\n113.70,34.72,航海东路2号便利店,R-航海东路-001\n113.71,34.72,不存在路1号,R-NOPE-001\n", Encoding.UTF8);
        await using var target = await db.CreateEmptyDatabaseAsync();
        await using (var seed = target.CreateCommand("INSERT INTO road_segments (code, road_name, seq, geom) VALUES ('R-航海东路-001', '航海东路', 1, ST_GeomFromText('LINESTRING(113.69 34.7225, 113.72 34.7225)', 4490))"))
        {
            await seed.ExecuteNonQueryAsync();
        }

        var (code, errors) = await CliRunner.RunAsync(target.ConnectionString, "import", path, "--layer", "duty_units");
        Assert.Equal(1, code);
        Assert.Contains("feature 2: segment_code: road segment 'R-NOPE-001' does not exist", errors);
        Assert.Equal(0L, await CountAsync(target, "duty_units"));
    }

    [Fact]
    public async Task With_skip_invalid_the_children_of_a_refused_grid_are_refused_by_name_and_the_rest_written()
    {
        static string Grid(string code, int level, string? parent, string? area, double x)
        {
            var properties = new Dictionary<string, object> { ["code"] = code, ["name"] = "网格" + code, ["level"] = level };
            if (parent is not null)
            {
                properties["parent_code"] = parent;
            }

            if (area is not null)
            {
                properties["area_code"] = area;
            }

            double[][] ring = [[x, 34.70], [x + 0.01, 34.70], [x + 0.01, 34.71], [x, 34.71], [x, 34.70]];
            return System.Text.Json.JsonSerializer.Serialize(new { type = "Feature", properties, geometry = new { type = "Polygon", coordinates = new[] { ring } } });
        }

        var path = Path.Combine(_folder, "grids.geojson");
        // G1 names an area that does not exist: the database check refuses it; its child and grandchild,
        // which are fine in themselves, have no parent to be written under.
        await File.WriteAllTextAsync(path, "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",",
            Grid("G1", 1, null, "419999", 113.60), Grid("G1-1", 2, "G1", null, 113.60), Grid("G1-1-1", 3, "G1-1", null, 113.60),
            Grid("G2", 1, null, "410199", 113.62), Grid("G2-1", 2, "G2", null, 113.62)) + "]}", Encoding.UTF8);
        await using var target = await db.CreateEmptyDatabaseAsync();
        await using (var seed = target.CreateCommand("INSERT INTO admin_areas (code, name, level, geom) VALUES ('410199', '试验区', 'district', ST_GeomFromText('POLYGON((113.5 34.6, 113.8 34.6, 113.8 34.8, 113.5 34.8, 113.5 34.6))', 4490))"))
        {
            await seed.ExecuteNonQueryAsync();
        }

        var (code, errors) = await CliRunner.RunAsync(target.ConnectionString, "import", path, "--layer", "grids");
        Assert.Equal(1, code);
        Assert.Contains("feature 1: area_code: administrative area '419999' does not exist", errors);
        Assert.Equal(0L, await CountAsync(target, "grids"));

        (code, errors) = await CliRunner.RunAsync(target.ConnectionString, "import", path, "--layer", "grids", "--skip-invalid");
        Assert.True(code == 0, errors);
        Assert.Contains("feature 2: parent_code: parent grid 'G1' was refused", errors);
        Assert.Contains("feature 3: parent_code: parent grid 'G1-1' was refused", errors);
        await using var cmd = target.CreateCommand("SELECT string_agg(g.code || '<' || coalesce(p.code, g.area_code), ',' ORDER BY g.code) FROM grids g LEFT JOIN grids p ON p.id = g.parent_id");
        Assert.Equal("G2<410199,G2-1<G2", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Gcj02_coordinates_are_converted_on_import()
    {
        var (gx, gy) = Gcj02.FromWgs84(113.6253, 34.7466);
        var path = Path.Combine(_folder, "gcj.csv");
        await File.WriteAllTextAsync(path, FormattableString.Invariant($"lng,lat,category,text\n{gx:R},{gy:R},道路设施,路灯不亮\n"), Encoding.UTF8);
        await using var target = await db.CreateEmptyDatabaseAsync();

        var (code, errors) = await CliRunner.RunAsync(target.ConnectionString, "import", path, "--layer", "reports", "--crs", "GCJ02");
        Assert.True(code == 0, errors);
        await using var cmd = target.CreateCommand("SELECT geom FROM reports");
        var stored = (Point)(await cmd.ExecuteScalarAsync())!;
        Assert.Equal(113.6253, stored.X, 1e-8);
        Assert.Equal(34.7466, stored.Y, 1e-8);
        Assert.Equal(4490, stored.SRID);
    }

    [Theory]
    [InlineData(new[] { "import", "x.geojson", "--layer", "sites", "--crs", "EPSG:9999" }, "--crs: unsupported CRS 'EPSG:9999'")]
    [InlineData(new[] { "import", "x.geojson", "--layer", "roads" }, "--layer: unknown layer 'roads'")]
    [InlineData(new[] { "import", "/no/such/file.geojson", "--layer", "sites" }, "No such file")]
    [InlineData(new[] { "import", "x.kml", "--layer", "sites" }, "Unsupported file type '.kml'")]
    [InlineData(new[] { "export", "--layer", "sites", "-o", "x.kml" }, "--output: Unsupported file type")]
    public async Task Bad_arguments_name_the_argument_at_fault(string[] args, string message)
    {
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, args);
        Assert.Equal(1, code);
        Assert.Contains(message, errors);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource ds, string table)
    {
        await using var cmd = ds.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
