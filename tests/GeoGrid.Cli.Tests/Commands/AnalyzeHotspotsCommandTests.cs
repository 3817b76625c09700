using System.Globalization;
using System.Text.Json.Nodes;
using GeoGrid.Core.Analysis.Hotspots;
using GeoGrid.Core.Crs;
using GeoGrid.Formats;
using NetTopologySuite.Geometries;

namespace GeoGrid.Cli.Tests.Commands;

/// <summary>The analyst's path: a file of cells or points in, a file with every figure out, no database.</summary>
public sealed class AnalyzeHotspotsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geogrid-hotspots-").FullName;

    /// <summary>Hexagonal cells over 高村乡 (EPSG:4326) whose counts peak around one place.</summary>
    private string WriteCells()
    {
        var random = new Random(4);
        var (cx, cy) = Reprojector.Transform(113.52, 34.93, Crs.Epsg4326, Crs.Epsg4547);
        var points = Enumerable.Range(0, 3000).Select(_ => new Coordinate(cx + (random.NextDouble() * 8000), cy + (random.NextDouble() * 8000))).ToList();
        var bins = Binning.Aggregate(points, 500, BinShape.Hexagon);
        var hot = new Coordinate(cx + 2000, cy + 2000);
        var features = new JsonArray();
        foreach (var b in bins)
        {
            var ring = b.Polygon.Coordinates.Select(c => Reprojector.Transform(c.X, c.Y, Crs.Epsg4547, Crs.Epsg4326)).Select(p => new JsonArray(p.X, p.Y)).ToArray();
            var count = b.Count + (b.Centre.Distance(hot) < 1200 ? 25 : 0);
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["code"] = b.Key, ["count"] = count, ["hot"] = b.Centre.Distance(hot) < 600 },
                ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(ring)) },
            });
        }

        var path = Path.Combine(_folder, "cells.geojson");
        File.WriteAllText(path, new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString());
        return path;
    }

    [Fact]
    public async Task Hotspots_on_a_file_of_cells_write_every_figure_and_find_the_planted_peak()
    {
        var cells = WriteCells();
        var result = Path.Combine(_folder, "result.geojson");
        var (code, errors) = await CliRunner.RunAsync("", "analyze", "hotspots", "--input", cells, "--value", "count", "--distance-band", "1000", "--fdr", "true", "--output", result);
        Assert.True(code == 0, errors);

        var features = FeatureFiles.Read(result, out _);
        var input = FeatureFiles.Read(cells, out _);
        Assert.Equal(input.Count, features.Count);
        foreach (var key in new[] { "gi_z", "gi_p", "gi_p_used", "gi_bin", "class", "class_zh", "neighbours", "value" })
        {
            Assert.All(features, f => Assert.True(f.Properties.ContainsKey(key), key));
        }

        double Number(object? v) => Convert.ToDouble(Convert.ToString(v, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var centre = features.Where(f => input.Single(i => (string)i.Properties["code"]! == (string)f.Properties["unit"]!).Properties["hot"] is true).ToList();
        Assert.NotEmpty(centre);
        Assert.All(centre, f => Assert.Equal("hot_99", f.Properties["class"]));
        Assert.All(features, f => Assert.InRange(Number(f.Properties["gi_p"]), 0, 1));
    }

    [Theory]
    [InlineData("--distance-crs", "EPSG:4326", "in degrees")]
    [InlineData("--distance-band", "-5", "greater than 0")]
    [InlineData("--weights", "queen", "must be one of")]
    [InlineData("--permutations", "lots", "whole number")]
    public async Task Bad_parameters_are_refused_by_name(string option, string value, string message)
    {
        var cells = WriteCells();
        var (code, errors) = await CliRunner.RunAsync("", "analyze", "hotspots", "--input", cells, "--value", "count", option, value);
        Assert.Equal(1, code);
        Assert.Contains(option + ":", errors);
        Assert.Contains(message, errors);
    }

    [Fact]
    public async Task Points_in_a_csv_are_binned_and_a_zero_bin_size_is_refused()
    {
        var csv = Path.Combine(_folder, "reports.csv");
        var random = new Random(2);
        var lines = new List<string> { "id,lon,lat,created_at" };
        for (var i = 0; i < 2000; i++)
        {
            // Every third report is in a ~500 m burst, in every month.
            var burst = i % 3 == 0;
            var lon = burst ? 113.55 + (random.NextDouble() * 0.005) : 113.50 + (random.NextDouble() * 0.1);
            var lat = burst ? 34.92 + (random.NextDouble() * 0.005) : 34.88 + (random.NextDouble() * 0.1);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i},{lon},{lat},2026-{1 + (i % 10):00}-15T10:00:00+08:00"));
        }

        await File.WriteAllLinesAsync(csv, lines);
        var zero = await CliRunner.RunAsync("", "analyze", "hotspots", "--input", csv, "--bin-size", "0");
        Assert.Equal(1, zero.ExitCode);
        Assert.Contains("--bin-size:", zero.Errors);

        var result = Path.Combine(_folder, "bins.csv");
        var (code, errors) = await CliRunner.RunAsync("", "analyze", "optimized-hotspots", "--input", csv, "--output", result);
        Assert.True(code == 0, errors);
        var bins = FeatureFiles.Read(result, out _);
        Assert.Equal(2000, bins.Sum(b => Convert.ToInt32(b.Properties["value"], CultureInfo.InvariantCulture)));
        Assert.Contains(bins, b => (string?)b.Properties["class"] == "hot_99");

        var grid = Path.Combine(_folder, "density.asc");
        (code, errors) = await CliRunner.RunAsync("", "analyze", "density", "--input", csv, "--bandwidth", "300", "--cell-size", "50", "--output", grid);
        Assert.True(code == 0, errors);
        Assert.StartsWith("ncols ", await File.ReadAllTextAsync(grid));
        Assert.Contains("Gauss", await File.ReadAllTextAsync(Path.ChangeExtension(grid, ".prj")));

        var clusters = Path.Combine(_folder, "clusters.geojson");
        (code, errors) = await CliRunner.RunAsync("", "analyze", "clusters", "--input", csv, "--eps", "60", "--min-points", "10", "--output", clusters);
        Assert.True(code == 0, errors);
        var found = FeatureFiles.Read(clusters, out _);
        var biggest = found.MaxBy(c => Convert.ToInt32(c.Properties["count"], CultureInfo.InvariantCulture))!;
        Assert.True(biggest.Geometry!.Contains(new GeometryFactory().CreatePoint(new Coordinate(113.5525, 34.9225))), "the burst is the biggest cluster");

        var emerging = Path.Combine(_folder, "emerging.geojson");
        (code, errors) = await CliRunner.RunAsync("", "analyze", "emerging-hotspots", "--input", csv, "--bin-size", "600", "--output", emerging);
        Assert.True(code == 0, errors);
        var busiest = FeatureFiles.Read(emerging, out _).MaxBy(b => Convert.ToInt32(b.Properties["count"], CultureInfo.InvariantCulture))!;
        Assert.Contains((string?)busiest.Properties["category"], new[] { "persistent_hot", "intensifying_hot", "diminishing_hot" });
        Assert.Equal(10, Convert.ToInt32(busiest.Properties["hot_months"], CultureInfo.InvariantCulture));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
