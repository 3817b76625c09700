namespace GeoGrid.Testing;

/// <summary>Finds the repository's folders from the test binaries, wherever the clone is.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Data => Path.Combine(Root, "data");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GeoGrid.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("GeoGrid.sln not found above " + AppContext.BaseDirectory);
    }
}
