using System.CommandLine;
using System.Text.Json;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Core.Crs;
using GeoGrid.Core.Import;
using GeoGrid.Formats;

namespace GeoGrid.Cli.Commands;

/// <summary>
/// <c>geogrid analyze NAME --input FILE [--PARAM value …] [-o OUT]</c>: every analysis of
/// <see cref="AnalysisCatalog"/> on an analyst's own file, without touching the database. Options are
/// made from each analysis's parameter list, so the CLI and the HTTP API cannot drift apart. Results
/// go to <c>--output</c> (GeoJSON, GeoPackage, Shapefile or CSV; a density grid to .asc), the summary
/// to standard output as JSON.
/// </summary>
public static class AnalyzeCommand
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create()
    {
        var analyze = new Command("analyze", "Run an analysis on a file of your own (no database needed)");
        foreach (var analysis in AnalysisCatalog.All)
        {
            analyze.Subcommands.Add(For(analysis));
        }

        return analyze;
    }

    private static Command For(IAnalysis analysis)
    {
        var input = new Option<string>("--input") { Description = $"GeoJSON, GeoPackage, Shapefile or CSV (lon/lat or wkt): {analysis.InputDescription}", Required = true };
        var crs = new Option<string?>("--crs") { Description = "CRS of the input files when they do not say (default EPSG:4326)" };
        var output = new Option<string?>("--output", "-o") { Description = "where to write the result; the extension picks the format" + (analysis.Name == "density" ? " (.asc for the grid)" : "") };
        var second = analysis.SecondInput is { } name ? new Option<string>("--" + name) { Description = $"file of {name}", Required = true } : null;
        var options = analysis.Parameters.ToDictionary(p => p.Name, p => new Option<string?>("--" + p.Name) { Description = p.Description + (p.Default is null ? "" : $" (default {p.Default})") });

        var command = new Command(analysis.Name, analysis.Title) { input, crs, output };
        if (second is not null)
        {
            command.Options.Add(second);
        }

        foreach (var o in options.Values)
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                Crs? given = null;
                if (parse.GetValue(crs) is { } text && !CrsNames.TryParse(text, out given))
                {
                    throw new AnalysisParameterException("crs", $"unsupported CRS '{text}'");
                }

                // Parameters first: a bad value is refused before a big file is read.
                var values = new ParameterValues(options.ToDictionary(o => o.Key, o => parse.GetValue(o.Value)), analysis.Parameters);
                values.CheckAll();
                var features = ReadLonLat(parse.GetValue(input)!, "input", given);
                var secondFeatures = second is null ? null : ReadLonLat(parse.GetValue(second)!, second.Name.TrimStart('-'), given);
                var result = analysis.Run(new AnalysisInput(features, secondFeatures), values);

                var summary = new Dictionary<string, object?> { ["analysis"] = analysis.Name, ["parameters"] = values.Effective(), ["summary"] = result.Summary };
                Console.WriteLine(JsonSerializer.Serialize(summary, s_json));
                if (parse.GetValue(output) is { } target)
                {
                    Write(target, result);
                    Console.Error.WriteLine($"{analysis.Name}: written to {target}");
                }

                return 0;
            }
            catch (AnalysisParameterException e)
            {
                Console.Error.WriteLine($"geogrid analyze {analysis.Name}: --{e.Parameter}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static List<FeatureRecord> ReadLonLat(string path, string parameter, Crs? given)
    {
        try
        {
            var features = FeatureFiles.Read(path, out var declared);
            var from = given ?? declared ?? Crs.Epsg4326;
            return features.Select(f => f.Geometry is null ? f : f with { Geometry = Reprojector.Transform(f.Geometry, from, CrsNames.Storage) }).ToList();
        }
        catch (Exception e) when (e is IOException or FormatException or JsonException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new AnalysisParameterException(parameter, e.Message);
        }
    }

    private static void Write(string target, AnalysisOutput result)
    {
        if (Path.GetExtension(target).Equals(".asc", StringComparison.OrdinalIgnoreCase))
        {
            if (result.Grid is null)
            {
                throw new AnalysisParameterException("output", "only the density analysis writes a grid (.asc)");
            }

            using (var writer = new StreamWriter(target))
            {
                result.Grid.WriteAscii(writer);
            }

            // GDAL and QGIS read the grid's CRS from the .prj beside it.
            File.WriteAllText(Path.ChangeExtension(target, ".prj"), FeatureFileWriter.ProjectionWkt(CrsNames.Parse((string)result.Summary["crs"]!)));
            return;
        }

        try
        {
            FeatureFileWriter.Write(target, result.Layer, result.Features, CrsNames.Storage);
        }
        catch (FormatException e)
        {
            throw new AnalysisParameterException("output", e.Message);
        }
    }
}
