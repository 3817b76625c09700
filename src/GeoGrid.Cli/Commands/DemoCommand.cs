using System.CommandLine;
using GeoGrid.Cli.Setup;
using GeoGrid.Core.Demo;

namespace GeoGrid.Cli.Commands;

/// <summary><c>geogrid demo [--scale N]</c>: load the Zhengzhou demo dataset (N× Zhengzhou) if it is not there yet.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var scale = new Option<int>("--scale")
        {
            Description = $"load N× Zhengzhou (1–{DemoScaling.MaxScale}): the city and N − 1 copies beside it with the same densities, to measure how costs grow",
            DefaultValueFactory = _ => 1,
        };
        scale.Validators.Add(r =>
        {
            // A value that is no number at all is the parser's to refuse (reading it here would throw).
            if (r.Tokens is [var token] && int.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is < 1 or > DemoScaling.MaxScale)
            {
                r.AddError($"--scale must be 1 to {DemoScaling.MaxScale}");
            }
        });
        var command = new Command("demo", "Load the Zhengzhou demo dataset (once)") { scale };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = new Workspace();
            await using var ds = await Database.OpenAsync(workspace, null, ct).ConfigureAwait(false);
            return await Database.EnsureDemoAsync(ds, workspace, ct, parse.GetValue(scale)).ConfigureAwait(false) ? 0 : 1;
        });
        return command;
    }
}
