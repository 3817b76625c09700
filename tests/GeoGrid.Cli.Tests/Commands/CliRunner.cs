using GeoGrid.Cli.Commands;

namespace GeoGrid.Cli.Tests.Commands;

/// <summary>Runs the geogrid command tree in-process against a database given as GEOGRID_DB, capturing
/// what it writes to standard error (where failures go).</summary>
internal static class CliRunner
{
    // GEOGRID_DB and Console.Error belong to the whole test process: two commands run at once (tests of
    // other classes run in parallel) would read each other's database and write into each other's
    // captured errors — an import went to the demo database that way. One command at a time.
    private static readonly SemaphoreSlim s_oneAtATime = new(1, 1);

    public static async Task<(int ExitCode, string Errors)> RunAsync(string connectionString, params string[] args)
    {
        await s_oneAtATime.WaitAsync();
        try
        {
            return await RunAloneAsync(connectionString, args);
        }
        finally
        {
            s_oneAtATime.Release();
        }
    }

    private static async Task<(int ExitCode, string Errors)> RunAloneAsync(string connectionString, string[] args)
    {
        var previousError = Console.Error;
        var errors = new StringWriter();
        Environment.SetEnvironmentVariable("GEOGRID_DB", connectionString);
        Console.SetError(errors);
        try
        {
            var code = await GeoGridCommand.RunAsync(args);
            return (code, errors.ToString());
        }
        finally
        {
            Console.SetError(previousError);
            Environment.SetEnvironmentVariable("GEOGRID_DB", null);
        }
    }
}
