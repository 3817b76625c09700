using System.CommandLine;

namespace GeoGrid.Cli.Commands;

/// <summary>The <c>geogrid</c> command tree, built in one place for the program and its tests.</summary>
public static class GeoGridCommand
{
    public static RootCommand Create() => new("GeoGrid: grid-based governance GIS for Zhengzhou (郑州网格化治理)")
    {
        UpCommand.Create(),
        DbCommand.Create(),
        UserCommand.Create(),
        PlanCommand.Create(),
        DemoCommand.Create(),
        ImportCommand.Create(),
        ExportCommand.Create(),
        TileSqlCommand.Create(),
        CqlCommand.Create(),
        AnalyzeCommand.Create(),
    };
}
