using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GeoGrid.Core.Access;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Lifecycle;

/// <summary>The 四乱 lifecycle over HTTP: steps by role, 立拆立清, timelines, overdue, attachments.</summary>
[Collection(PostGisCollection.Name)]
public sealed class SiteLifecycleApiTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db, new Dictionary<string, string> { ["GeoGrid:Attachments:MaxMegabytes"] = "1" });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<string> NewSiteAsync(HttpClient client, double lon = 113.6335, double lat = 34.8905)
    {
        var made = await client.PostAsync("/ogc/collections/sites/items", new StringContent(
            "{\"type\":\"Feature\",\"properties\":{\"category\":\"乱堆\",\"description\":\"生命周期测试\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + FormattableString.Invariant($"{lon},{lat}") + "]}}",
            Encoding.UTF8, "application/geo+json"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        return made.Headers.Location!.Segments[^1];
    }

    private static async Task<HttpResponseMessage> StepAsync(HttpClient client, string code, string status, string? extra = null) =>
        await client.PostAsync($"/ogc/collections/sites/items/{code}/events", Json("{\"status\":\"" + status + "\",\"note\":\"测试\"" + extra + "}"));

    [Fact]
    public async Task A_site_goes_from_found_to_accepted_each_step_by_a_role_that_may_and_its_timeline_says_who_and_when()
    {
        var inspector = await _factory.ClientAsync(Role.Inspector, "410108");
        var worker = await _factory.ClientAsync(Role.GridWorker);
        var code = await NewSiteAsync(inspector);

        // A grid worker may not verify; an inspector may.
        var refused = await StepAsync(worker, code, "verified");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StepAsync(inspector, code, "核实")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StepAsync(inspector, code, "assigned")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StepAsync(worker, code, "demolished")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StepAsync(worker, code, "清理")).StatusCode);
        // The worker may not accept their own clearance.
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(worker, code, "accepted")).StatusCode);
        var accepted = await StepAsync(inspector, code, "accepted");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);

        using var timeline = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync());
        var root = timeline.RootElement;
        var events = root.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["found", "verified", "assigned", "demolished", "cleared", "accepted"], events.Select(e => e.GetProperty("status").GetString()));
        var inspectorName = await TestUsers.EnsureAsync(db.DataSource, Role.Inspector, "410108");
        var workerName = await TestUsers.EnsureAsync(db.DataSource, Role.GridWorker);
        Assert.Equal([inspectorName, inspectorName, inspectorName, workerName, workerName, inspectorName], events.Select(e => e.GetProperty("actor").GetString()));
        Assert.Equal("accepted", await db.ScalarAsync<string>("SELECT status::text FROM sites WHERE code = $1", code));
        Assert.True(await db.ScalarAsync<bool>("SELECT closed_at IS NOT NULL FROM sites WHERE code = $1", code));

        // 立拆立清 on the record: demolition and clearance times and the hours between, as PostGIS has them.
        var hours = await db.ScalarAsync<double>("""
            SELECT extract(epoch FROM (SELECT max(at) FROM site_events e JOIN sites s ON s.id = e.site_id WHERE s.code = $1 AND e.status = 'cleared')
                                    - (SELECT max(at) FROM site_events e JOIN sites s ON s.id = e.site_id WHERE s.code = $1 AND e.status = 'demolished')) / 3600
            """, code);
        Assert.Equal(Math.Round(hours, 2), root.GetProperty("demolition_to_clearance_hours").GetDouble(), 2);

        // Accepted is an end: nothing follows, and the answer says so.
        var after = await StepAsync(inspector, code, "found");
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        using var problem = JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        Assert.Empty(problem.RootElement.GetProperty("allowed").EnumerateArray());

        // The public reads the timeline without names.
        using var open = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync($"/ogc/collections/sites/items/{code}/events"));
        Assert.All(open.RootElement.GetProperty("events").EnumerateArray(), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("actor").ValueKind));
    }

    [Fact]
    public async Task The_timeline_offers_the_steps_the_callers_role_may_take_and_each_of_them_is_accepted()
    {
        var inspector = await _factory.ClientAsync(Role.Inspector, "410108");
        var worker = await _factory.ClientAsync(Role.GridWorker);
        var code = await NewSiteAsync(inspector);
        async Task<List<string?>> NextAsync(HttpClient client)
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync($"/ogc/collections/sites/items/{code}/events"));
            return doc.RootElement.GetProperty("next").EnumerateArray().Select(e => e.GetString()).ToList();
        }

        Assert.Equal(["verified", "rejected", "duplicate"], await NextAsync(inspector));
        Assert.Empty(await NextAsync(worker));
        Assert.Empty(await NextAsync(_factory.CreateClient()));
        Assert.Equal(HttpStatusCode.Created, (await StepAsync(inspector, code, "verified")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StepAsync(inspector, code, "assigned")).StatusCode);
        // Assigned: the demolition is the worker's step (and the inspector's); offered to both, taken by the worker.
        Assert.Equal(["demolished"], await NextAsync(worker));
        var taken = await StepAsync(worker, code, (await NextAsync(worker))[0]!);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        using var answer = JsonDocument.Parse(await taken.Content.ReadAsStringAsync());
        Assert.Equal(["cleared"], answer.RootElement.GetProperty("next").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task An_illegal_step_answers_409_with_the_states_allowed_next_and_writes_nothing()
    {
        var inspector = await _factory.ClientAsync(Role.Inspector, "410108");
        var code = await NewSiteAsync(inspector);
        var events = await db.ScalarAsync<long>("SELECT count(*) FROM site_events");
        var audits = await db.ScalarAsync<long>("SELECT count(*) FROM audit_log");

        foreach (var status in new[] { "demolished", "accepted", "cleared" })
        {
            var response = await StepAsync(inspector, code, status);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("status", problem.RootElement.GetProperty("parameter").GetString());
            Assert.Equal(["duplicate", "rejected", "verified"], problem.RootElement.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()).Order());
        }

        // By PATCH as well: the lifecycle is the same whichever way a step comes.
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/ogc/collections/sites/items/{code}") { Content = new StringContent("""{"properties":{"status":"accepted"}}""", Encoding.UTF8, "application/merge-patch+json") };
        patch.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.Conflict, (await inspector.SendAsync(patch)).StatusCode);

        // A new site starts at found.
        var early = await inspector.PostAsync("/ogc/collections/sites/items", new StringContent("""{"type":"Feature","properties":{"category":"乱堆","description":"x","status":"accepted"},"geometry":{"type":"Point","coordinates":[113.6335,34.8905]}}""", Encoding.UTF8, "application/geo+json"));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        Assert.Equal(events, await db.ScalarAsync<long>("SELECT count(*) FROM site_events"));
        Assert.Equal(audits, await db.ScalarAsync<long>("SELECT count(*) FROM audit_log"));
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT version FROM sites WHERE code = $1", code));
    }

    [Fact]
    public async Task Acceptance_needs_a_clearance_after_the_last_demolition()
    {
        var admin = await _factory.ClientAsync(Role.Admin);
        var code = await NewSiteAsync(admin);
        // A site whose history says cleared without any demolition (as an old import might leave it).
        await db.ScalarAsync<long>("WITH e AS (INSERT INTO site_events (site_id, status, at, note) SELECT id, 'cleared', now(), '导入' FROM sites WHERE code = $1 RETURNING 1) SELECT count(*) FROM e", code);
        var refused = await StepAsync(admin, code, "accepted");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("立拆立清", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Sent back, demolished and cleared: now it may be accepted.
        foreach (var status in new[] { "assigned", "demolished", "cleared", "accepted" })
        {
            Assert.Equal(HttpStatusCode.Created, (await StepAsync(admin, code, status)).StatusCode);
        }
    }

    [Fact]
    public async Task A_duplicate_names_the_site_it_repeats()
    {
        var inspector = await _factory.ClientAsync(Role.Inspector, "410108");
        var first = await NewSiteAsync(inspector);
        var second = await NewSiteAsync(inspector);
        Assert.Equal(HttpStatusCode.BadRequest, (await StepAsync(inspector, second, "duplicate")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await StepAsync(inspector, second, "duplicate", ",\"duplicate_of\":\"NO-SUCH\"")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StepAsync(inspector, second, "duplicate", $",\"duplicate_of\":\"{first}\"")).StatusCode);
        Assert.Equal(first, await db.ScalarAsync<string>("SELECT d.code FROM sites s JOIN sites d ON d.id = s.duplicate_of WHERE s.code = $1", second));
    }

    [Fact]
    public async Task A_site_past_its_step_deadline_is_overdue_until_it_moves_on()
    {
        var inspector = await _factory.ClientAsync(Role.Inspector, "410108");
        var code = await NewSiteAsync(inspector);
        // Found ten days ago; a dumping site is to be verified within the days site_step_deadlines says.
        await db.ScalarAsync<long>("WITH e AS (UPDATE site_events SET at = now() - interval '10 days' WHERE site_id = (SELECT id FROM sites WHERE code = $1) RETURNING 1) SELECT count(*) FROM e", code);
        var days = await db.ScalarAsync<double>("SELECT days FROM site_step_deadlines WHERE category = 'dumping' AND status = 'found'");

        using var overdue = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/sites/overdue?area=惠济区"));
        var entry = overdue.RootElement.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("code").GetString() == code);
        Assert.Equal(10 - days, entry.GetProperty("overdue_days").GetDouble(), 1);

        // The list is exactly PostGIS's own count of open sites past their deadline in 惠济区.
        var expected = await db.ScalarAsync<long>("""
            SELECT count(*) FROM sites s
              JOIN LATERAL (SELECT e.status::text AS status, e.at FROM site_events e WHERE e.site_id = s.id ORDER BY e.at DESC, e.id DESC LIMIT 1) cur ON true
              JOIN site_step_deadlines d ON d.category = s.category AND d.status = cur.status
             WHERE cur.at + d.days * interval '1 day' < now()
               AND (SELECT a.code FROM admin_areas a WHERE ST_Intersects(a.geom, ST_PointOnSurface(s.geom)) ORDER BY length(a.code) DESC LIMIT 1) LIKE '410108%'
            """);
        Assert.Equal(expected, overdue.RootElement.GetProperty("sites").GetArrayLength());

        using var timeline = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync($"/ogc/collections/sites/items/{code}/events"));
        Assert.True(timeline.RootElement.GetProperty("overdue").GetBoolean());

        Assert.Equal(HttpStatusCode.Created, (await StepAsync(inspector, code, "verified")).StatusCode);
        Assert.DoesNotContain(code, await _factory.CreateClient().GetStringAsync("/sites/overdue?area=410108"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_is_kept_with_its_checksum_and_served_back_and_wrong_or_damaged_files_are_refused()
    {
        var inspector = await _factory.ClientAsync(Role.Inspector, "410108");
        var code = await NewSiteAsync(inspector);
        var jpeg = new byte[5000];
        new Random(3).NextBytes(jpeg);
        jpeg[0] = 0xFF;
        jpeg[1] = 0xD8;
        jpeg[2] = 0xFF;
        var sha = SHA256.HashData(jpeg);
        HttpContent Body(byte[] bytes, string type, byte[]? digest = null)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = "现场照片.jpg" };
            if (digest is not null)
            {
                content.Headers.Add("Content-Digest", $"sha-256=:{Convert.ToBase64String(digest)}:");
            }

            return content;
        }

        var path = $"/ogc/collections/sites/items/{code}/attachments";
        var stored = await db.ScalarAsync<long>("SELECT count(*) FROM site_attachments");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await inspector.PostAsync(path, Body(jpeg, "text/plain"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await inspector.PostAsync(path, Body(jpeg, "image/png"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await inspector.PostAsync(path, Body(jpeg, "image/jpeg", SHA256.HashData(jpeg.AsSpan(1))))).StatusCode);
        var big = new byte[(1 << 20) + 10];
        jpeg.AsSpan(0, 3).CopyTo(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await inspector.PostAsync(path, Body(big, "image/jpeg"))).StatusCode);
        Assert.Equal(stored, await db.ScalarAsync<long>("SELECT count(*) FROM site_attachments"));

        var made = await inspector.PostAsync(path, Body(jpeg, "image/jpeg", sha));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        using var answer = JsonDocument.Parse(await made.Content.ReadAsStringAsync());
        Assert.Equal(Convert.ToHexStringLower(sha), answer.RootElement.GetProperty("sha256").GetString());
        Assert.Equal("现场照片.jpg", answer.RootElement.GetProperty("file_name").GetString());

        var back = await _factory.CreateClient().GetAsync(made.Headers.Location);
        Assert.Equal("image/jpeg", back.Content.Headers.ContentType!.MediaType);
        Assert.Equal(jpeg, await back.Content.ReadAsByteArrayAsync());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(sha)}:", back.Headers.GetValues("Repr-Digest").Single());
        Assert.Equal(Convert.ToHexStringLower(sha), await db.ScalarAsync<string>("SELECT encode(sha256, 'hex') FROM site_attachments ORDER BY id DESC LIMIT 1"));
        // A photo is listed in the site's photos, which the features API and CQL2's array functions read.
        Assert.Contains(made.Headers.Location!.AbsolutePath, await db.ScalarAsync<string>("SELECT array_to_string(photos, ' ') FROM sites WHERE code = $1", code), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync($"/ogc/collections/sites/items/SL-0001/attachments/{answer.RootElement.GetProperty("id").GetInt64()}")).StatusCode);
    }

    [Fact]
    public async Task A_grid_timeline_lists_the_events_of_its_sites_and_reports_newest_first()
    {
        var grid = await db.ScalarAsync<string>("SELECT g.code FROM grids g JOIN sites s ON s.grid_id = g.id WHERE g.level = 3 ORDER BY g.id LIMIT 1");
        using var timeline = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync($"/ogc/collections/grids-3/items/{grid}/events?limit=50"));
        var items = timeline.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.Contains(items, i => i.GetProperty("collection").GetString() == "sites");
        var times = items.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        var expected = await db.ScalarAsync<long>("""
            SELECT least(50, (SELECT count(*) FROM site_events e JOIN sites s ON s.id = e.site_id JOIN grids g ON g.id = s.grid_id WHERE g.code = $1)
                           + (SELECT count(*) FROM report_events e JOIN reports r ON r.id = e.report_id JOIN grids g ON g.id = r.grid_id WHERE g.code = $1))
            """, grid);
        Assert.Equal(expected, items.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync("/ogc/collections/grids-3/items/NOPE/events")).StatusCode);
    }

    [Fact]
    public async Task An_admin_sets_deadlines_all_or_none_and_overdue_follows()
    {
        var admin = await _factory.ClientAsync(Role.Admin);
        var inspector = await _factory.ClientAsync(Role.Inspector, "410108");
        var code = await NewSiteAsync(inspector);
        await db.ScalarAsync<long>("WITH e AS (UPDATE site_events SET at = now() - interval '2 days' WHERE site_id = (SELECT id FROM sites WHERE code = $1) RETURNING 1) SELECT count(*) FROM e", code);
        var original = await db.ScalarAsync<double>("SELECT days FROM site_step_deadlines WHERE category = 'dumping' AND status = 'found'");
        try
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PatchAsync("/deadlines", Json("""{"sites":{"乱堆":{"found":1}}}"""))).StatusCode);
            // One bad step refuses the whole change.
            var refused = await admin.PatchAsync("/deadlines", Json("""{"sites":{"乱堆":{"found":1,"accepted":2}}}"""));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(original, await db.ScalarAsync<double>("SELECT days FROM site_step_deadlines WHERE category = 'dumping' AND status = 'found'"));
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PatchAsync("/deadlines", Json("""{"reports":{"垃圾":-1}}"""))).StatusCode);

            using var set = JsonDocument.Parse(await (await admin.PatchAsync("/deadlines", Json("""{"sites":{"乱堆":{"发现":1}},"reports":{"垃圾":2}}"""))).Content.ReadAsStringAsync());
            Assert.Equal(1, set.RootElement.GetProperty("sites").GetProperty("dumping").GetProperty("found").GetDouble());
            Assert.Contains(code, await _factory.CreateClient().GetStringAsync("/sites/overdue?area=410108"), StringComparison.Ordinal);
            Assert.Contains("deadlines", await admin.GetStringAsync("/audit?collection=deadlines"), StringComparison.Ordinal);
        }
        finally
        {
            await db.ScalarAsync<long>("WITH u AS (UPDATE site_step_deadlines SET days = $1 WHERE category = 'dumping' AND status = 'found' RETURNING 1) SELECT count(*) FROM u", original);
        }
    }

    public void Dispose() => _factory.Dispose();
}
