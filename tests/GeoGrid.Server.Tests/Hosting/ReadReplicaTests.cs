using System.Net;
using System.Text;
using GeoGrid.Core.Access;
using GeoGrid.Server.Hosting;
using GeoGrid.Storage;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Hosting;

/// <summary>A server with a PostgreSQL streaming replica for reads (made with pg_basebackup from the test
/// cluster): reads are served by the replica, writes go to the primary, and a client that has written
/// reads its own write even while the replica lags behind it.</summary>
[Collection(PostGisCollection.Name)]
public sealed class ReadReplicaTests(PostGisFixture db)
{
    private static string ReadFrom(HttpResponseMessage response) => response.Headers.GetValues("GeoGrid-Read").Single();

    private static async Task ReplayAsync(Npgsql.NpgsqlDataSource replica, bool on)
    {
        await using var cmd = replica.CreateCommand(on ? "SELECT pg_wal_replay_resume()" : "SELECT pg_wal_replay_pause()");
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Reads_go_to_the_replica_writes_to_the_primary_and_a_writer_reads_its_own_write_while_the_replica_lags()
    {
        var replica = await db.AddReplicaAsync(Path.Combine(Path.GetTempPath(), "geogrid-replica-" + Guid.NewGuid().ToString("N")[..12]));
        await using var replicaSource = GeoGridDataSource.Create(replica.ConnectionString);
        try
        {
            using var server = new GeoGridFactory(db, new Dictionary<string, string> { [GeoGridApp.ReadConnectionStringKey] = replica.ConnectionString });
            var reader = server.CreateClient();
            var page = await reader.GetAsync("/ogc/collections/sites/items?limit=1");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("replica", ReadFrom(page));

            // The replica stops replaying: from now on it lags the primary until it resumes.
            await ReplayAsync(replicaSource, on: false);
            var inspector = await server.ClientAsync(Role.Inspector);
            var made = await inspector.PostAsync("/ogc/collections/sites/items", new StringContent(
                "{\"type\":\"Feature\",\"properties\":{\"category\":\"乱建\",\"description\":\"只读副本测试\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[113.6471,34.9062]}}",
                Encoding.UTF8, "application/geo+json"));
            Assert.Equal(HttpStatusCode.Created, made.StatusCode);
            Assert.True(ulong.Parse(made.Headers.GetValues("GeoGrid-WAL").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
            var item = made.Headers.Location!.ToString();
            var code = made.Headers.Location!.Segments[^1];

            // Written to the primary; the lagging replica does not have it.
            Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM sites WHERE code = $1", code));
            await using (var onReplica = replicaSource.CreateCommand("SELECT count(*) FROM sites WHERE code = $1"))
            {
                onReplica.Parameters.Add(new() { Value = code });
                Assert.Equal(0L, (long)(await onReplica.ExecuteScalarAsync())!);
            }

            // The writer reads its own write (from the primary); another client reads the replica, where it is not yet.
            var own = await inspector.GetAsync(item);
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal("primary", ReadFrom(own));
            var other = await reader.GetAsync(item);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.Equal("replica", ReadFrom(other));

            // Replay resumes: the replica catches up (waited for, not timed) and serves the site to everyone,
            // the writer included.
            await ReplayAsync(replicaSource, on: true);
            for (var i = 0; i < 300 && (await reader.GetAsync(item)).StatusCode != HttpStatusCode.OK; i++) await Task.Delay(100);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(item)).StatusCode);
            Assert.Equal("replica", ReadFrom(await inspector.GetAsync(item)));
        }
        finally
        {
            await replica.DeleteAsync();
        }
    }

    [Fact]
    public async Task While_the_replica_is_down_reads_go_to_the_primary_and_come_back_when_it_answers()
    {
        var replica = await db.AddReplicaAsync(Path.Combine(Path.GetTempPath(), "geogrid-replica-" + Guid.NewGuid().ToString("N")[..12]));
        try
        {
            using var server = new GeoGridFactory(db, new Dictionary<string, string>
            {
                [GeoGridApp.ReadConnectionStringKey] = replica.ConnectionString,
                ["GeoGrid:ReadReplica:CheckSeconds"] = "0.2",
            });
            var reader = server.CreateClient();
            const string page = "/ogc/collections/grids-2/items?limit=1";
            Assert.Equal("replica", ReadFrom(await reader.GetAsync(page)));

            // Waited for, not timed: the next checks notice.
            async Task<HttpResponseMessage> UntilReadFromAsync(string from)
            {
                var response = await reader.GetAsync(page);
                for (var i = 0; i < 300 && (response.StatusCode != HttpStatusCode.OK || ReadFrom(response) != from); i++)
                {
                    await Task.Delay(100);
                    response = await reader.GetAsync(page);
                }

                return response;
            }

            await replica.StopAsync();
            var down = await UntilReadFromAsync("primary");
            Assert.Equal(HttpStatusCode.OK, down.StatusCode);
            Assert.Equal("primary", ReadFrom(down));

            // A client that has written (it sends its WAL position) is not failed by the replica it would not read from anyway.
            using var afterWrite = new HttpRequestMessage(HttpMethod.Get, page) { Headers = { { "GeoGrid-Min-WAL", "1" } } };
            var writer = await reader.SendAsync(afterWrite);
            Assert.Equal(HttpStatusCode.OK, writer.StatusCode);
            Assert.Equal("primary", ReadFrom(writer));

            await replica.StartAsync();
            var back = await UntilReadFromAsync("replica");
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
            Assert.Equal("replica", ReadFrom(back));
        }
        finally
        {
            await replica.DeleteAsync();
        }
    }
}
