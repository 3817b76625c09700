using System.Net;
using System.Net.Sockets;
using GeoGrid.Testing;

namespace GeoGrid.Cli.Tests.Commands;

[Collection(PostGisCollection.Name)]
public sealed class UpCommandTests(PostGisFixture db)
{
    [Fact]
    public async Task Up_on_a_port_in_use_says_so_in_one_line_and_starts_nothing()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "up", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-demo");
        Assert.Equal(1, code);
        Assert.Contains($"port {port} on 127.0.0.1 is in use", errors);
        Assert.DoesNotContain("   at ", errors);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_one_line_naming_it_not_a_stack_trace()
    {
        var unreachable = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString) { Port = Storage.Cluster.EmbeddedCluster.FreePort(), Timeout = 3 }.ConnectionString;
        var (code, errors) = await CliRunner.RunAsync(unreachable, "db", "status");
        Assert.Equal(1, code);
        Assert.Contains("geogrid: the database could not be reached", errors);
        Assert.DoesNotContain("   at ", errors);
    }
}
