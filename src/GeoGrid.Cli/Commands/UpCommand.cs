using System.CommandLine;
using GeoGrid.Cli.Setup;
using GeoGrid.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace GeoGrid.Cli.Commands;

/// <summary><c>geogrid up</c>: database, schema, demo data, then the HTTP server on loopback.</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "HTTP port on 127.0.0.1", DefaultValueFactory = _ => 5080 };
        var dbPort = new Option<int?>("--db-port") { Description = "port of the embedded PostGIS cluster when it is created (default: a free one)" };
        var noDemo = new Option<bool>("--no-demo") { Description = "do not load the Zhengzhou demo dataset" };
        var command = new Command("up", "Start GeoGrid: PostGIS, schema, demo data and the web server") { port, dbPort, noDemo };
        command.SetAction(async (parse, ct) =>
        {
            // Asked before the database starts: a second `up` (or another program) on the port would
            // otherwise end in Kestrel's stack trace after the cluster and demo checks.
            if (PortTaken(parse.GetValue(port)))
            {
                Console.Error.WriteLine($"geogrid up: port {parse.GetValue(port)} on 127.0.0.1 is in use (GeoGrid already running, or another program); stop it or choose another with --port");
                return 1;
            }

            var workspace = new Workspace();
            await using var dataSource = await Database.OpenAsync(workspace, parse.GetValue(dbPort), ct).ConfigureAwait(false);
            if (!parse.GetValue(noDemo))
            {
                await Database.EnsureDemoAsync(dataSource, workspace, ct).ConfigureAwait(false);
            }

            var url = $"http://127.0.0.1:{parse.GetValue(port)}";
            var reads = await workspace.ConnectReadsAsync(ct).ConfigureAwait(false);
            if (reads is not null)
            {
                Database.Line("reads", "from the streaming replica " + new Npgsql.NpgsqlConnectionStringBuilder(reads) { Password = null }.ConnectionString);
            }

            var app = GeoGridApp.Build(["--urls", url], b =>
            {
                b.Configuration[GeoGridApp.ConnectionStringKey] = dataSource.ConnectionString;
                b.Configuration[GeoGridApp.ReadConnectionStringKey] = reads;
                b.Configuration["GeoGrid:TileCache:Folder"] ??= Path.Combine(workspace.Home, "tiles");
            });
            await app.StartAsync(ct).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"[green]GeoGrid is serving[/] on {url}");
            AnsiConsole.MarkupLine($"  landing page  {url}/");
            AnsiConsole.MarkupLine($"  health        {url}/health");
            AnsiConsole.MarkupLine($"  layers (JSON) {url}/api/layers");
            AnsiConsole.MarkupLine("Press Ctrl+C to stop the server (the database keeps running; `./geogrid db stop` stops it).");
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static bool PortTaken(int port)
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        try
        {
            probe.Start();
            return false;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return true;
        }
        finally
        {
            probe.Stop();
        }
    }
}
