using GeoGrid.Storage.Cluster;

namespace GeoGrid.Cli.Setup;

/// <summary>
/// Where GeoGrid keeps its state and finds its data: the project-local <c>.geogrid/</c> folder (or
/// <c>GEOGRID_HOME</c>) with the embedded cluster, and <c>data/</c> beside it. <c>GEOGRID_DB</c>, a
/// connection string, replaces the embedded cluster with the user's own PostgreSQL + PostGIS;
/// <c>GEOGRID_READ_DB</c> names a streaming replica of it for reads.
/// </summary>
public sealed class Workspace
{
    public Workspace(string? home = null)
    {
        Root = FindRoot();
        Home = home ?? Environment.GetEnvironmentVariable("GEOGRID_HOME") ?? Path.Combine(Root, ".geogrid");
        ExternalConnectionString = Environment.GetEnvironmentVariable("GEOGRID_DB") is { Length: > 0 } db ? db : null;
    }

    public string Root { get; }

    public string Home { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string? ExternalConnectionString { get; }

    public EmbeddedCluster Cluster => new(Path.Combine(Home, "pg"));

    /// <summary>The embedded cluster's streaming replica, once <c>geogrid db replica add</c> has made it.</summary>
    public EmbeddedCluster Replica => new(Path.Combine(Home, "pg-replica"));

    /// <summary>Where reads go: <c>GEOGRID_READ_DB</c>, else the embedded replica when there is one (started
    /// here), else nowhere apart (null: reads go to the database itself).</summary>
    public async Task<string?> ConnectReadsAsync(CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable("GEOGRID_READ_DB") is { Length: > 0 } reads)
        {
            return reads;
        }

        if (ExternalConnectionString is not null || !Replica.Exists)
        {
            return null;
        }

        var replica = Replica;
        await replica.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return replica.ConnectionString;
    }

    /// <summary>The database to use, starting the embedded cluster when that is the one.</summary>
    public async Task<string> ConnectAsync(int? clusterPort = null, CancellationToken cancellationToken = default)
    {
        if (ExternalConnectionString is not null)
        {
            return ExternalConnectionString;
        }

        var cluster = Cluster;
        await cluster.StartAsync(clusterPort, cancellationToken).ConfigureAwait(false);
        return cluster.ConnectionString;
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GeoGrid.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
