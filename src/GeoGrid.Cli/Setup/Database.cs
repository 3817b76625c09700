using GeoGrid.Core.Demo;
using GeoGrid.Formats;
using GeoGrid.Storage;
using GeoGrid.Storage.Tiles;
using GeoGrid.Storage.Demo;
using GeoGrid.Storage.Schema;
using Npgsql;
using Spectre.Console;

namespace GeoGrid.Cli.Setup;

/// <summary>The steps every command that needs data shares: connect, migrate, load the demo once.</summary>
public static class Database
{
    public static async Task<NpgsqlDataSource> OpenAsync(Workspace workspace, int? clusterPort, CancellationToken cancellationToken)
    {
        var connectionString = await Step("database", workspace.ExternalConnectionString is null ? $"embedded PostGIS cluster in {workspace.Cluster.Folder}" : "GEOGRID_DB",
            () => workspace.ConnectAsync(clusterPort, cancellationToken)).ConfigureAwait(false);
        var dataSource = GeoGridDataSource.Create(connectionString);
        var applied = await Migrator.MigrateAsync(dataSource, cancellationToken).ConfigureAwait(false);
        Line("schema", applied.Count == 0 ? "up to date" : $"applied migration(s) {string.Join(", ", applied)}");
        await TileShapes.EnsureAsync(dataSource, cancellationToken).ConfigureAwait(false);
        return dataSource;
    }

    /// <summary>Loads the demo (<paramref name="scale"/>× Zhengzhou, see <see cref="DemoScaling"/>) unless it is
    /// there; false when a demo of another scale is (a database holds one demo).</summary>
    public static async Task<bool> EnsureDemoAsync(NpgsqlDataSource dataSource, Workspace workspace, CancellationToken cancellationToken, int? scale = null)
    {
        if (await DemoLoader.ScaleAsync(dataSource, cancellationToken).ConfigureAwait(false) is { } loaded)
        {
            if (scale is { } wanted && wanted != loaded)
            {
                Console.Error.WriteLine($"geogrid demo: this database holds the demo at {loaded}× already; load {wanted}× into another workspace, e.g. GEOGRID_HOME=.geogrid-x{wanted} ./geogrid demo --scale {wanted}");
                return false;
            }

            Line("demo data", loaded == 1 ? "already loaded" : $"already loaded ({loaded}× Zhengzhou)");
            await DemoUsers.EnsureAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var sources = DemoSourceReader.Read(workspace.DataDirectory);
        var dataset = await Step("demo data", $"synthesising Zhengzhou (seed {ZhengzhouDemo.DefaultSeed}) from {sources.Districts.Count} districts, {sources.Towns.Count} towns, {sources.Villages.Count} villages",
            () => Task.Run(() => ZhengzhouDemo.Build(sources), cancellationToken)).ConfigureAwait(false);
        if (scale is > 1)
        {
            dataset = DemoScaling.Scale(dataset, scale.Value);
            Line("demo data", $"{scale}× Zhengzhou: {dataset.Grids.Count:N0} grids, {dataset.Segments.Count:N0} road segments, {dataset.Sites.Count:N0} sites, {dataset.Reports.Count:N0} reports");
        }

        var progress = new Progress<string>(m => Line("demo data", m));
        await DemoLoader.LoadAsync(dataSource, dataset, ZhengzhouDemo.DefaultSeed, progress, cancellationToken, scale ?? 1).ConfigureAwait(false);
        Line("demo data", "loaded");
        await DemoUsers.EnsureAsync(dataSource, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public static void Line(string step, string message) =>
        AnsiConsole.MarkupLine($"[grey]geogrid[/] [bold]{Markup.Escape(step)}[/]: {Markup.Escape(message)}");

    public static async Task<T> Step<T>(string step, string message, Func<Task<T>> work)
    {
        Line(step, message + " …");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await work().ConfigureAwait(false);
        Line(step, $"done in {started.Elapsed.TotalSeconds:F1} s");
        return result;
    }
}
