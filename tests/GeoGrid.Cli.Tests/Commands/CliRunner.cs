using GeoGrid.Cli.Commands;

namespace GeoGrid.Cli.Tests.Commands;

/// <summary>Runs the geogrid command tree in-process against a database given as GEOGRID_DB, capturing
/// what it writes to standard error (where failures go).</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Errors)> RunAsync(string connectionString, params string[] args)
    {
        var previousError = Console.Error;
        var errors = new StringWriter();
        Environment.SetEnvironmentVariable("GEOGRID_DB", connectionString);
        Console.SetError(errors);
        try
        {
            var code = await GeoGridCommand.Create().Parse(args).InvokeAsync();
            return (code, errors.ToString());
        }
        finally
        {
            Console.SetError(previousError);
            Environment.SetEnvironmentVariable("GEOGRID_DB", null);
        }
    }
}
