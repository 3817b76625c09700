using System.CommandLine;
using GeoGrid.Cli.Setup;
using GeoGrid.Core.Crs;
using GeoGrid.Core.Import;
using GeoGrid.Formats;
using GeoGrid.Storage.Catalog;
using GeoGrid.Storage.Features;
using Spectre.Console;

namespace GeoGrid.Cli.Commands;

/// <summary>
/// <c>geogrid import FILE --layer L [--crs C] [--skip-invalid]</c>: checks every feature first and, by
/// default, writes nothing unless all pass; each failure is listed with its feature number and reason.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "GeoJSON, GeoPackage, Shapefile (.shp) or CSV with lon/lat (or wkt) columns" };
        var layer = new Option<string>("--layer") { Description = $"target layer: {string.Join(", ", ImportLayer.All.Select(l => l.Name))}", Required = true };
        var crs = new Option<string?>("--crs") { Description = "CRS of the file when it does not say: EPSG:4326, EPSG:4490, EPSG:4547, EPSG:3857 or GCJ02 (default for GeoJSON/CSV: EPSG:4326)" };
        var skip = new Option<bool>("--skip-invalid") { Description = "write the valid features and report the rest, instead of writing nothing" };
        var command = new Command("import", "Import features from a file into a layer") { file, layer, crs, skip };
        command.SetAction(async (parse, ct) =>
        {
            var target = ImportLayer.Find(parse.GetValue(layer)!);
            if (target is null)
            {
                return Fail($"--layer: unknown layer '{parse.GetValue(layer)}'; use one of {string.Join(", ", ImportLayer.All.Select(l => l.Name))}");
            }

            Crs? given = null;
            if (parse.GetValue(crs) is { } crsText)
            {
                if (!CrsNames.TryParse(crsText, out given))
                {
                    return Fail($"--crs: unsupported CRS '{crsText}'; use EPSG:4326, EPSG:4490, EPSG:4547, EPSG:3857 or GCJ02");
                }
            }

            var path = parse.GetValue(file)!;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<FeatureRecord> raw;
            var read = TimeSpan.Zero;
            Crs? declared;
            try
            {
                raw = FeatureFiles.Read(path, out declared);
                read = clock.Elapsed;
            }
            catch (Exception e) when (e is IOException or FormatException or System.Text.Json.JsonException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                return Fail($"{path}: {e.Message}");
            }

            var format = FeatureFiles.FormatOf(path);
            var sourceCrs = given ?? declared ?? (format is FeatureFormat.GeoJson or FeatureFormat.Csv ? Crs.Epsg4326 : (Crs?)null);
            if (sourceCrs is null)
            {
                return Fail($"{path}: the file does not say its CRS; give --crs");
            }

            Database.Line("import", $"{raw.Count:N0} features from {path} in {CrsNames.Name(sourceCrs.Value)} → layer {target.Name}");
            await using var ds = await Database.OpenAsync(new Workspace(), null, ct).ConfigureAwait(false);
            var extent = await ServiceExtent.ReadAsync(ds, ct).ConfigureAwait(false);
            var opened = clock.Elapsed;
            var (features, problems) = FeaturePreparation.PrepareAll(raw, target, sourceCrs.Value, extent);
            var checkedAt = clock.Elapsed;
            var skipInvalid = parse.GetValue(skip);
            if (problems.Count > 0 && !skipInvalid)
            {
                Report(problems);
                return Fail($"{problems.Select(p => p.Number).Distinct().Count()} of {features.Count} features failed the checks; nothing was written (--skip-invalid writes the valid ones)");
            }

            var bad = problems.Select(p => p.Number).ToHashSet();
            var valid = features.Where(f => !bad.Contains(f.Number)).ToList();
            ImportOutcome outcome = null!;
            await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
            {
                var task = context.AddTask($"writing {target.Name}", maxValue: Math.Max(1, valid.Count));
                // The importer reports how many features it has written, every thousand or so.
                var progress = new Progress<int>(written => task.Value = written);
                outcome = await FeatureImporter.ImportAsync(ds, target, valid, skipInvalid, progress, ct, FeatureImporter.CliImport).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);

            var all = problems.Concat(outcome.Problems).OrderBy(p => p.Number).ToList();
            Report(all);
            if (all.Count > 0 && !skipInvalid)
            {
                return Fail($"{outcome.Problems.Count} features were refused by the database; nothing was written");
            }

            // Where the time went, so a slow import says which step to look at.
            Database.Line("import", $"wrote {outcome.Written:N0} features to {target.Name}" + (all.Count > 0 ? $", skipped {all.Select(p => p.Number).Distinct().Count()} invalid" : string.Empty)
                + FormattableString.Invariant($" in {clock.Elapsed.TotalSeconds:0.0} s (read {read.TotalSeconds:0.0} s, checked {(checkedAt - opened).TotalSeconds:0.0} s, written {(clock.Elapsed - checkedAt).TotalSeconds:0.0} s)"));
            return 0;
        });
        return command;
    }

    private static void Report(IReadOnlyList<ImportProblem> problems)
    {
        foreach (var p in problems.Take(200))
        {
            Console.Error.WriteLine($"feature {p.Number}: {p.Field}: {p.Reason}");
        }

        if (problems.Count > 200)
        {
            Console.Error.WriteLine($"… and {problems.Count - 200} more");
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("geogrid import: " + message);
        return 1;
    }
}
