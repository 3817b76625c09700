using System.Reflection;

namespace GeoGrid.Storage.Schema;

/// <summary>The fixed SQL of GeoGrid, kept in <c>Sql/**.sql</c> files embedded in this assembly.</summary>
public static class SqlFiles
{
    private const string Prefix = "GeoGrid.Storage.Sql.";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> s_cache = new();

    public static string Read(string name) => s_cache.GetOrAdd(name, Load);

    private static string Load(string name)
    {
        using var stream = typeof(SqlFiles).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"Embedded SQL file {name} not found.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Names under a folder, e.g. "Migrations/", in ordinal order (resource names keep the folder's slash).</summary>
    public static IReadOnlyList<string> List(string folder) =>
        typeof(SqlFiles).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix + folder, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
}
