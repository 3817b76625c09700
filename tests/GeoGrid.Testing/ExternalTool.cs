using System.Diagnostics;

namespace GeoGrid.Testing;

/// <summary>Runs a reference tool (GDAL, node, Rscript) and returns its standard output; fails the test with its
/// standard error when it exits non-zero.</summary>
public static class ExternalTool
{
    public static Task<string> RunAsync(string tool, params string[] args) => RunAsync(tool, new Dictionary<string, string>(), args);

    /// <summary>The same with environment variables for the tool alone (never the test process's, which parallel tests share).</summary>
    public static async Task<string> RunAsync(string tool, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start (./geogrid test installs the reference tools)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {await stderr}");
        return await stdout;
    }
}
