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

    public static async Task EnsureDemoAsync(NpgsqlDataSource dataSource, Workspace workspace, CancellationToken cancellationToken)
    {
        if (await DemoLoader.IsLoadedAsync(dataSource, cancellationToken).ConfigureAwait(false))
        {
            Line("demo data", "already loaded");
            await DemoUsers.EnsureAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return;
        }

        var sources = DemoSourceReader.Read(workspace.DataDirectory);
        var dataset = await Step("demo data", $"synthesising Zhengzhou (seed {ZhengzhouDemo.DefaultSeed}) from {sources.Districts.Count} districts, {sources.Towns.Count} towns, {sources.Villages.Count} villages",
            () => Task.Run(() => ZhengzhouDemo.Build(sources), cancellationToken)).ConfigureAwait(false);
        var progress = new Progress<string>(m => Line("demo data", m));
        await DemoLoader.LoadAsync(dataSource, dataset, ZhengzhouDemo.DefaultSeed, progress, cancellationToken).ConfigureAwait(false);
        Line("demo data", "loaded");
        await DemoUsers.EnsureAsync(dataSource, cancellationToken).ConfigureAwait(false);
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
