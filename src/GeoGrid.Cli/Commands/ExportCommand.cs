using System.CommandLine;
using GeoGrid.Cli.Setup;
using GeoGrid.Core.Crs;
using GeoGrid.Formats;
using GeoGrid.Storage.Features;

namespace GeoGrid.Cli.Commands;

/// <summary><c>geogrid export --layer L -o FILE [--crs C]</c>: a whole layer to GeoJSON, GeoPackage, Shapefile or CSV.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var layer = new Option<string>("--layer") { Description = $"layer: {string.Join(", ", FeatureExporter.Layers)}", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "file to write; its extension (.geojson, .gpkg, .shp, .csv) picks the format", Required = true };
        var crs = new Option<string>("--crs") { Description = "CRS to write: EPSG:4326 (default), EPSG:4490, EPSG:4547, EPSG:3857 or GCJ02", DefaultValueFactory = _ => "EPSG:4326" };
        var command = new Command("export", "Export a layer to a file") { layer, output, crs };
        command.SetAction(async (parse, ct) =>
        {
            if (!CrsNames.TryParse(parse.GetValue(crs), out var target))
            {
                Console.Error.WriteLine($"geogrid export: --crs: unsupported CRS '{parse.GetValue(crs)}'");
                return 1;
            }

            var name = parse.GetValue(layer)!;
            if (!FeatureExporter.Layers.Contains(name))
            {
                Console.Error.WriteLine($"geogrid export: --layer: unknown layer '{name}'; use one of {string.Join(", ", FeatureExporter.Layers)}");
                return 1;
            }

            var path = parse.GetValue(output)!;
            try
            {
                FeatureFiles.FormatOf(path);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"geogrid export: --output: {e.Message}");
                return 1;
            }

            await using var ds = await Database.OpenAsync(new Workspace(), null, ct).ConfigureAwait(false);
            var features = await FeatureExporter.ReadAsync(ds, name, ct).ConfigureAwait(false);
            var projected = features.Select(f => f with { Geometry = f.Geometry is null ? null : Reprojector.Transform(f.Geometry, CrsNames.Storage, target.Value) }).ToList();
            try
            {
                FeatureFileWriter.Write(path, name, projected, target.Value);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"geogrid export: {e.Message}");
                return 1;
            }

            Database.Line("export", $"wrote {projected.Count:N0} features of {name} to {string.Join(" and ", FeatureFileWriter.WrittenFiles(path, projected))} in {CrsNames.Name(target.Value)}");
            return 0;
        });
        return command;
    }
}
