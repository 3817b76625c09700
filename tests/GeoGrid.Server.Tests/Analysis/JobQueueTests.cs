using System.Net;
using GeoGrid.Core.Access;
using GeoGrid.Server.Analysis;
using GeoGrid.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GeoGrid.Server.Tests.Analysis;

/// <summary>Analysis jobs as one queue over one database that several servers take from: each job is
/// claimed by one server, a stopping server hands its job on, a crashed server's job runs again.</summary>
[Collection(PostGisCollection.Name)]
public sealed class JobQueueTests(PostGisFixture db)
{
    // Thousands of permutations over the demo's reports: a job that runs for seconds.
    private const string LongJob = "/analyses/hotspots/jobs?permutations=9999&bin-size=300";

    private static readonly Dictionary<string, string> OneAtATime = new()
    {
        ["GeoGrid:Jobs:HeartbeatSeconds"] = "0.2",
        ["GeoGrid:Jobs:Concurrency"] = "1",
    };

    private static Guid RunnerOf(GeoGridFactory server) => server.Services.GetRequiredService<AnalysisJobs>().Runner;

    private async Task<Guid> SubmitAsync(GeoGridFactory server, string path)
    {
        var submitted = await (await server.ClientAsync(Role.Analyst)).PostAsync(path, null);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return Guid.Parse(submitted.Headers.Location!.ToString().Split('/')[^1]);
    }

    // The jobs a test made leave the shared database with it: other tests count jobs.
    private Task<long> ForgetAsync(params Guid[] ids) =>
        db.ScalarAsync<long>("WITH gone AS (DELETE FROM analysis_jobs WHERE id = ANY($1) RETURNING 1) SELECT count(*) FROM gone", ids);

    private Task<string> StatusAsync(Guid id) => db.ScalarAsync<string>("SELECT status FROM analysis_jobs WHERE id = $1", id);

    // Waited for, not timed: polls up to two minutes.
    private async Task WaitForAsync(Guid id, params string[] statuses)
    {
        var status = await StatusAsync(id);
        for (var i = 0; i < 1200 && Array.IndexOf(statuses, status) < 0; i++)
        {
            await Task.Delay(100);
            status = await StatusAsync(id);
        }

        Assert.True(Array.IndexOf(statuses, status) >= 0, $"job {id} is {status}, not {string.Join(" or ", statuses)}");
    }

    [Fact]
    public async Task Two_servers_take_jobs_from_one_queue_and_never_the_same_job()
    {
        using var a = new GeoGridFactory(db, OneAtATime);
        using var b = new GeoGridFactory(db, OneAtATime);
        var runners = new[] { RunnerOf(a), RunnerOf(b) };
        var first = await SubmitAsync(a, LongJob);
        var second = await SubmitAsync(a, LongJob);
        try
        {
            // Each server runs one job at a time: with both jobs running, each server holds one.
            await WaitForAsync(first, "running");
            await WaitForAsync(second, "running");
            var holders = new[] { await db.ScalarAsync<Guid>("SELECT runner FROM analysis_jobs WHERE id = $1", first), await db.ScalarAsync<Guid>("SELECT runner FROM analysis_jobs WHERE id = $1", second) };
            Assert.Equal(runners.Order(), holders.Order());
            Assert.Equal(2, await db.ScalarAsync<long>("SELECT sum(attempts) FROM analysis_jobs WHERE id = ANY($1)", new[] { first, second }));
        }
        finally
        {
            var client = await a.ClientAsync(Role.Analyst);
            await client.DeleteAsync($"/jobs/{first}");
            await client.DeleteAsync($"/jobs/{second}");
            await ForgetAsync(first, second);
        }
    }

    [Fact]
    public async Task A_stopping_server_hands_its_running_job_to_another_server_which_finishes_it()
    {
        var b = new GeoGridFactory(db, OneAtATime);
        var handedOn = Guid.Empty;
        try
        {
            Guid id;
            using (var a = new GeoGridFactory(db, OneAtATime))
            {
                // B is not started yet: A, which the job was submitted to, claims it. A job of a few seconds:
                // B runs it again from the start.
                id = handedOn = await SubmitAsync(a, "/analyses/hotspots/jobs?permutations=999&bin-size=300");
                await WaitForAsync(id, "running");
                Assert.Equal(RunnerOf(a), await db.ScalarAsync<Guid>("SELECT runner FROM analysis_jobs WHERE id = $1", id));
                _ = RunnerOf(b);
            }

            // A stopped: the job is not failed but goes on at B, from the start, and succeeds there.
            await WaitForAsync(id, "succeeded", "failed", "cancelled");
            Assert.Equal("succeeded", await StatusAsync(id));
            Assert.Equal(RunnerOf(b), await db.ScalarAsync<Guid>("SELECT runner FROM analysis_jobs WHERE id = $1", id));
            // A handing the job back does not count as a failed attempt.
            Assert.Equal(1, await db.ScalarAsync<int>("SELECT attempts FROM analysis_jobs WHERE id = $1", id));
            var result = await (await b.ClientAsync(Role.Analyst)).GetAsync($"/jobs/{id}/result");
            Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        }
        finally
        {
            b.Dispose();
            await ForgetAsync(handedOn);
        }
    }

    [Fact]
    public async Task A_job_whose_server_crashed_runs_again_elsewhere_until_it_has_crashed_too_often_and_a_live_servers_job_is_left_alone()
    {
        // Three jobs "running" on servers that are not these: one crashed ten minutes ago, one crashed on
        // its third claim, one whose server vouched for it just now.
        const string insert = "INSERT INTO analysis_jobs (analysis, parameters, data_version, status, progress, runner, heartbeat_at, request, attempts)"
            + " VALUES ('hotspots', '{}', 1, 'running', 0.4, gen_random_uuid(), now() - $1::interval, '{\"bin-size\":\"500\"}', $2) RETURNING id";
        var crashed = await db.ScalarAsync<Guid>(insert, "10 minutes", 1);
        var crashedOften = await db.ScalarAsync<Guid>(insert, "10 minutes", 3);
        var alive = await db.ScalarAsync<Guid>(insert, "0 seconds", 1);
        try
        {
            using var server = new GeoGridFactory(db, OneAtATime);
            _ = RunnerOf(server);
            await WaitForAsync(crashed, "succeeded", "failed");
            Assert.Equal("succeeded", await StatusAsync(crashed));
            Assert.Equal(2, await db.ScalarAsync<int>("SELECT attempts FROM analysis_jobs WHERE id = $1", crashed));
            Assert.Equal(RunnerOf(server), await db.ScalarAsync<Guid>("SELECT runner FROM analysis_jobs WHERE id = $1", crashed));

            var job = System.Text.Json.Nodes.JsonNode.Parse(await (await server.ClientAsync(Role.Analyst)).GetStringAsync($"/jobs/{crashedOften}"))!;
            Assert.Equal("failed", (string?)job["status"]);
            Assert.Equal("Interrupted", (string?)job["error"]!["title"]);
            Assert.Equal("running", await StatusAsync(alive));
        }
        finally
        {
            await ForgetAsync(crashed, crashedOften, alive);
        }
    }
}
