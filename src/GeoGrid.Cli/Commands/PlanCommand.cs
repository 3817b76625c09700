using System.CommandLine;
using GeoGrid.Cli.Setup;
using GeoGrid.Core.Access;
using GeoGrid.Core.Coverage;
using GeoGrid.Core.Crs;
using GeoGrid.Core.Planning;
using GeoGrid.Formats;
using GeoGrid.Storage.Plans;
using NetTopologySuite.Geometries;

namespace GeoGrid.Cli.Commands;

/// <summary>
/// <c>geogrid plan apply FILE --grid CODE [--title T] [--crs C]</c>: a planner's redrawn children of a
/// level-2 grid from a file (code, name, households, polygon each) applied in bulk as one plan — checked
/// by the same rules as the API's plans, refused whole with the rule and grids at fault, else applied at
/// once with history, workers following and reports re-attributed.
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var command = new Command("plan", "Redraw grids in bulk from a file, as one plan");
        var file = new Argument<string>("file") { Description = "GeoJSON, GeoPackage, Shapefile or CSV: one polygon per child grid, with code, name and households" };
        var grid = new Option<string>("--grid") { Description = "the level-2 grid whose children the file redraws", Required = true };
        var title = new Option<string>("--title") { Description = "the plan's title", DefaultValueFactory = _ => "批量调整" };
        var crs = new Option<string?>("--crs") { Description = "CRS of the file when it does not say (default EPSG:4326 for GeoJSON/CSV)" };
        var apply = new Command("apply", "Check the file's grids as a plan and apply it") { file, grid, title, crs };
        apply.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            IReadOnlyList<Core.Import.FeatureRecord> features;
            Crs? declared;
            try
            {
                features = FeatureFiles.Read(path, out declared);
            }
            catch (Exception e) when (e is IOException or FormatException or System.Text.Json.JsonException or InvalidOperationException)
            {
                return Fail($"{path}: {e.Message}");
            }

            Crs? given = null;
            if (parse.GetValue(crs) is { } text && !CrsNames.TryParse(text, out given))
            {
                return Fail($"--crs: unsupported CRS '{text}'");
            }

            var source = given ?? declared ?? Crs.Epsg4326;
            var children = new List<PlanGrid>();
            foreach (var f in features)
            {
                var code = f.Properties.GetValueOrDefault("code")?.ToString();
                var name = f.Properties.GetValueOrDefault("name")?.ToString();
                if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(name) || f.Geometry is null)
                {
                    return Fail($"feature {f.Number}: a child grid has code, name and a polygon");
                }

                var geometry = Reprojector.Transform(f.Geometry, source, CrsNames.Storage);
                if (geometry is MultiPolygon { NumGeometries: 1 } one)
                {
                    geometry = one.GetGeometryN(0);
                }

                if (geometry is not Polygon polygon)
                {
                    return Fail($"feature {f.Number} ({code}): a grid is one polygon, not a {geometry.GeometryType}");
                }

                var households = int.TryParse(f.Properties.GetValueOrDefault("households")?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : 0;
                children.Add(new PlanGrid(code, name, households, polygon));
            }

            if (children.Select(c => c.Code).Distinct().Count() != children.Count)
            {
                return Fail("codes repeat in the file");
            }

            await using var ds = await Database.OpenAsync(new Workspace(), null, ct).ConfigureAwait(false);
            var store = new PlanStore(ds);
            var actor = Actor.Cli("geogrid plan");
            var id = await store.OpenAsync(parse.GetValue(grid)!, false, parse.GetValue(title)!, actor, ct).ConfigureAwait(false);
            if (id is not { } planId)
            {
                return Fail($"--grid: no grid '{parse.GetValue(grid)}'");
            }

            var plan = (await store.ReadAsync(planId, ct).ConfigureAwait(false))!;
            // A file rounds coordinates (GeoJSON to 7–9 decimals): a child whose outline moved by less
            // than a centimetre keeps the stored one, so an unchanged grid is not rewritten with noise
            // that breaks its edges with the neighbours outside the file.
            var stored = plan.Children.ToDictionary(c => c.Code);
            children = children.Select(c => stored.TryGetValue(c.Code, out var was)
                && NetTopologySuite.Algorithm.Distance.DiscreteHausdorffDistance.Distance(was.Geometry, c.Geometry) < 1e-7
                    ? c with { Geometry = was.Geometry }
                    : c).ToList();
            var rules = new PlanRules();
            // A file gives a parent's new children whole; grids with grids inside are redrawn through the
            // plans API, where their children follow each change.
            var refusal = plan.Grids.Any(g => g.Parent is not null)
                ? new PlanRefusal("level", "a file redraws the lowest grids: give a grid whose children have none (a level-2 grid); redraw higher levels with the plans API", null)
                : new PlanTree(plan.RootGeometry, children).Check(rules, plan.Tree);
            if (refusal is not null)
            {
                await store.DiscardAsync(planId, ct).ConfigureAwait(false);
                return Fail($"refused ({refusal.Rule}): {refusal.Reason}; nothing was written");
            }

            await store.SaveAsync(planId, plan.Revision, children, ct).ConfigureAwait(false);
            var result = await store.ApplyAsync(planId, actor, (next, now) => next.Check(rules, now), ct).ConfigureAwait(false);
            if (result is not { Applied: true })
            {
                await store.DiscardAsync(planId, ct).ConfigureAwait(false);
                return Fail(result?.Refusal is { } broken
                    ? $"refused ({broken.Rule}): {broken.Reason}; nothing was written"
                    : $"the grids changed while applying: {string.Join("; ", result?.Stale.Select(s => $"{s.Code} {s.What}") ?? [])}");
            }

            Database.Line("plan", $"{planId} applied: {children.Count} grids under {parse.GetValue(grid)}, {result.ReportsMoved} reports and {result.SitesMoved} sites re-attributed");
            return 0;
        });
        command.Subcommands.Add(apply);
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("geogrid plan: " + message);
        return 1;
    }
}
