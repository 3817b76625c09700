using System.CommandLine;
using GeoGrid.Cli.Setup;

namespace GeoGrid.Cli.Commands;

/// <summary><c>geogrid demo</c>: load the Zhengzhou demo dataset if it is not there yet.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Load the Zhengzhou demo dataset (once)");
        command.SetAction(async (_, ct) =>
        {
            var workspace = new Workspace();
            await using var ds = await Database.OpenAsync(workspace, null, ct).ConfigureAwait(false);
            await Database.EnsureDemoAsync(ds, workspace, ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
