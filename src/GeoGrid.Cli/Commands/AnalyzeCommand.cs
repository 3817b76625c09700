using System.CommandLine;
using System.Globalization;
using GeoGrid.Core.Coverage;
using GeoGrid.Core.Crs;
using GeoGrid.Core.Import;
using GeoGrid.Formats;

namespace GeoGrid.Cli.Commands;

/// <summary>
/// <c>geogrid analyze coverage --input FILE</c>: checks an analyst's own grids without touching the
/// database. Features carry <c>code</c> and, where they have a parent in the file, <c>parent_code</c>;
/// a <c>workers</c> count, if present, flags unstaffed grids. Problems go to <c>--output</c> (GeoJSON,
/// GeoPackage, Shapefile or CSV) with their kind, geodesic area in m² and the grids involved.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "GeoJSON, GeoPackage, Shapefile or CSV (wkt) of grids", Required = true };
        var crs = new Option<string?>("--crs") { Description = "CRS of the file when it does not say (default EPSG:4326)" };
        var sliver = new Option<double>("--sliver-area") { Description = "grids smaller than this many m² are slivers (0: off)", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--output", "-o") { Description = "where to write the problems; the extension picks the format" };
        var coverage = new Command("coverage", "Check that grids cover their parents: gaps, overlaps, outside parent, slivers, invalid, multi-part, no worker") { input, crs, sliver, output };
        coverage.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            if (parse.GetValue(sliver) < 0)
            {
                return Fail("--sliver-area: must not be negative");
            }

            Crs? given = null;
            if (parse.GetValue(crs) is { } text && !CrsNames.TryParse(text, out given))
            {
                return Fail($"--crs: unsupported CRS '{text}'");
            }

            IReadOnlyList<FeatureRecord> features;
            Crs? declared;
            try
            {
                features = FeatureFiles.Read(path, out declared);
            }
            catch (Exception e) when (e is IOException or FormatException or System.Text.Json.JsonException or Microsoft.Data.Sqlite.SqliteException)
            {
                return Fail($"--input: {e.Message}");
            }

            var from = given ?? declared ?? Crs.Epsg4326;
            var grids = features.Where(f => f.Geometry is not null).Select(f => (
                Code: Text(f, "code") ?? $"#{f.Number}",
                Parent: Text(f, "parent_code"),
                Workers: int.TryParse(Text(f, "workers"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) ? w : (int?)null,
                Geometry: Reprojector.Transform(f.Geometry!, from, Crs.Epsg4326))).ToList();
            var byCode = grids.GroupBy(g => g.Code).ToDictionary(g => g.Key, g => g.First().Geometry);

            var results = new List<FeatureRecord>();
            foreach (var family in grids.GroupBy(g => g.Parent))
            {
                var parent = family.Key is not null && byCode.TryGetValue(family.Key, out var p) ? p : null;
                foreach (var problem in CoverageCheck.Check(parent, family.Select(g => new CoverageCheck.Child(g.Code, g.Geometry, g.Workers)).ToList(), parse.GetValue(sliver)))
                {
                    results.Add(new FeatureRecord(results.Count + 1, problem.Geometry, new Dictionary<string, object?>
                    {
                        ["kind"] = Core.Domain.DomainLabels.Key(problem.Kind.ToString()),
                        ["area_m2"] = Math.Round(problem.AreaSquareMetres, 2),
                        ["grids"] = string.Join(",", problem.Grids),
                        ["parent"] = family.Key,
                    }));
                }
            }

            Console.WriteLine($"{grids.Count:N0} grids in {grids.Select(g => g.Parent).Distinct().Count():N0} families: {results.Count:N0} problems");
            foreach (var kind in results.GroupBy(r => r.Properties["kind"]))
            {
                Console.WriteLine($"  {kind.Key}: {kind.Count():N0}, {kind.Sum(r => (double)r.Properties["area_m2"]!):N1} m²");
            }

            if (parse.GetValue(output) is { } target)
            {
                FeatureFileWriter.Write(target, "coverage_problems", results, Crs.Epsg4326);
                Console.WriteLine($"problems written to {target}");
            }

            return 0;
        });

        return new Command("analyze", "Run an analysis on a file of your own") { coverage };
    }

    private static string? Text(FeatureRecord f, string key) =>
        f.Properties.GetValueOrDefault(key) is { } v && Convert.ToString(v, CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null;

    private static int Fail(string message)
    {
        Console.Error.WriteLine("geogrid analyze: " + message);
        return 1;
    }
}
