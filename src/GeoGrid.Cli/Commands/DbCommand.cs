using System.CommandLine;
using GeoGrid.Cli.Setup;
using GeoGrid.Storage;
using GeoGrid.Storage.Catalog;
using Spectre.Console;

namespace GeoGrid.Cli.Commands;

/// <summary><c>geogrid db start|stop|status|reset|refresh-shapes|replica add|remove</c>: manage the embedded PostGIS cluster.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "Manage the embedded PostGIS cluster");
        var start = new Command("start", "Create (if needed) and start the cluster, apply the schema");
        start.SetAction(async (_, ct) =>
        {
            await using var ds = await Database.OpenAsync(new Workspace(), null, ct).ConfigureAwait(false);
            return 0;
        });
        var stop = new Command("stop", "Stop the cluster");
        stop.SetAction(async (_, ct) =>
        {
            var workspace = new Workspace();
            await workspace.Replica.StopAsync(ct).ConfigureAwait(false);
            await workspace.Cluster.StopAsync(ct).ConfigureAwait(false);
            Database.Line("database", "stopped");
            return 0;
        });
        var status = new Command("status", "Say whether the cluster runs, and what it holds");
        status.SetAction(async (_, ct) =>
        {
            var workspace = new Workspace();
            if (workspace.ExternalConnectionString is null)
            {
                var cluster = workspace.Cluster;
                Database.Line("database", !cluster.Exists ? "no cluster yet (./geogrid up or ./geogrid db start creates it)" : cluster.IsRunning() ? $"running on 127.0.0.1:{cluster.Settings!.Port}, data in {cluster.DataDirectory}" : $"stopped, data in {cluster.DataDirectory}");
                if (!cluster.Exists || !cluster.IsRunning())
                {
                    return cluster.Exists ? 3 : 4;
                }
            }

            await using var ds = GeoGridDataSource.Create(await workspace.ConnectAsync(null, ct).ConfigureAwait(false));
            var table = new Table().AddColumns("layer", "id", "features");
            foreach (var l in await LayerCounts.ReadAsync(ds, ct).ConfigureAwait(false))
            {
                table.AddRow(Markup.Escape(l.Title), l.Id, l.Features.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        var reset = new Command("reset", "Stop the cluster and delete it with all its data");
        reset.SetAction(async (_, ct) =>
        {
            var workspace = new Workspace();
            await workspace.Replica.DeleteAsync(ct).ConfigureAwait(false);
            await workspace.Cluster.DeleteAsync(ct).ConfigureAwait(false);
            Database.Line("database", "cluster deleted; the next `./geogrid up` creates a fresh one");
            return 0;
        });
        var shapes = new Command("refresh-shapes", "Rebuild the per-zoom generalised tile shapes (after changing areas or grids outside GeoGrid, e.g. with psql)");
        shapes.SetAction(async (_, ct) =>
        {
            await using var ds = await Database.OpenAsync(new Workspace(), null, ct).ConfigureAwait(false);
            await Storage.Tiles.TileShapes.RefreshAsync(ds, ct: ct).ConfigureAwait(false);
            Database.Line("tile shapes", "rebuilt for every generalised layer");
            return 0;
        });
        var replica = new Command("replica", "A PostgreSQL streaming replica of the embedded cluster, for reads");
        var add = new Command("add", "Make the replica with pg_basebackup (or start the one there is); ./geogrid up then reads from it");
        add.SetAction(async (_, ct) =>
        {
            var workspace = new Workspace();
            if (workspace.ExternalConnectionString is not null)
            {
                Console.Error.WriteLine("geogrid db replica add: GEOGRID_DB names your own PostgreSQL; make its replica with your own tools and name it in GEOGRID_READ_DB");
                return 2;
            }

            await using (await Database.OpenAsync(workspace, null, ct).ConfigureAwait(false))
            {
                var made = await workspace.Cluster.AddReplicaAsync(workspace.Replica.Folder, cancellationToken: ct).ConfigureAwait(false);
                Database.Line("replica", $"streaming from the cluster, read-only on 127.0.0.1:{made.Settings!.Port}, data in {made.DataDirectory}");
            }

            return 0;
        });
        var remove = new Command("remove", "Stop the replica and delete it; reads go to the cluster again");
        remove.SetAction(async (_, ct) =>
        {
            await new Workspace().Replica.DeleteAsync(ct).ConfigureAwait(false);
            Database.Line("replica", "deleted");
            return 0;
        });
        replica.Subcommands.Add(add);
        replica.Subcommands.Add(remove);
        command.Subcommands.Add(replica);
        command.Subcommands.Add(start);
        command.Subcommands.Add(shapes);
        command.Subcommands.Add(stop);
        command.Subcommands.Add(status);
        command.Subcommands.Add(reset);
        return command;
    }
}
