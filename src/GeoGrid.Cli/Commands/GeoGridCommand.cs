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

    /// <summary>Runs a command line. A failure nobody handled is one line a person can act on, not a .NET
    /// stack trace (GEOGRID_DEBUG=1 keeps the trace); exit code 1.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var debug = Environment.GetEnvironmentVariable("GEOGRID_DEBUG") == "1";
        try
        {
            return await Create().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = debug }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("geogrid: stopped").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e) when (!debug)
        {
            await Console.Error.WriteLineAsync($"geogrid: {Describe(e)}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync("geogrid: (GEOGRID_DEBUG=1 shows where it happened)").ConfigureAwait(false);
            return 1;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        Npgsql.PostgresException p => $"the database refused: {p.MessageText} (SQLSTATE {p.SqlState}){(p.Hint is { } hint ? "; " + hint : "")}",
        Npgsql.NpgsqlException { InnerException: TimeoutException } => "the database did not answer in time",
        Npgsql.NpgsqlException n => $"the database could not be reached or failed: {n.Message}",
        _ => e.Message,
    };
}
