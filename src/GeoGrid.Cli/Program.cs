using System.CommandLine;
using GeoGrid.Cli.Commands;

var root = new RootCommand("GeoGrid: grid-based governance GIS for Zhengzhou (郑州网格化治理)")
{
    UpCommand.Create(),
    DbCommand.Create(),
    DemoCommand.Create(),
    ImportCommand.Create(),
    ExportCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
