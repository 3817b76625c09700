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
}
