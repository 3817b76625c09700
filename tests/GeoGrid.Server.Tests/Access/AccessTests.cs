using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using GeoGrid.Core.Access;
using GeoGrid.Storage.Access;
using GeoGrid.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GeoGrid.Server.Tests.Access;

/// <summary>Who may write: anonymous callers, users out of their areas, wrong roles, expired tokens and disabled users are refused, and nothing changes.</summary>
[Collection(PostGisCollection.Name)]
public sealed class AccessTests(PostGisFixture db) : IDisposable
{
    private const string HuijiSite = """{"type":"Feature","properties":{"category":"乱堆","description":"权限测试"},"geometry":{"type":"Point","coordinates":[113.6335,34.8905]}}""";
    private const string GaocunSite = """{"type":"Feature","properties":{"category":"乱堆","description":"权限测试"},"geometry":{"type":"Point","coordinates":[113.1867,34.8672]}}""";
    private static readonly byte[] s_jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1];

    private readonly GeoGridFactory _factory = new(db);

    /// <summary>Every write (and the audit log): method, path, body, content type.</summary>
    public static TheoryData<string, string, string?, string?> Writes() => new()
    {
        { "POST", "/ogc/collections/sites/items", HuijiSite, "application/geo+json" },
        { "PUT", "/ogc/collections/sites/items/{site}", HuijiSite, "application/geo+json" },
        { "PATCH", "/ogc/collections/sites/items/{site}", """{"properties":{"description":"改"}}""", "application/merge-patch+json" },
        { "DELETE", "/ogc/collections/sites/items/{site}", null, null },
        { "POST", "/ogc/collections/sites/items/{site}/events", """{"status":"verified"}""", "application/json" },
        { "POST", "/ogc/collections/sites/items/{site}/attachments", "@jpeg", "image/jpeg" },
        { "PATCH", "/ogc/collections/reports/items/{report}", """{"properties":{"status":"closed"}}""", "application/merge-patch+json" },
        { "POST", "/analyses/hotspots/jobs?bin-size=500", null, null },
        { "GET", "/jobs/00000000-0000-0000-0000-000000000001", null, null },
        { "DELETE", "/jobs/00000000-0000-0000-0000-000000000001", null, null },
        { "GET", "/audit", null, null },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task An_anonymous_caller_is_asked_to_sign_in_and_nothing_changes(string method, string path, string? body, string? type)
    {
        var before = await SnapshotAsync();
        var response = await _factory.CreateClient().SendAsync(await RequestAsync(method, path, body, type, "SL-0001"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("/auth/token", await ProblemDetailAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("PUT", "/ogc/collections/sites/items/{site}", HuijiSite, "application/geo+json")]
    [InlineData("PATCH", "/ogc/collections/sites/items/{site}", """{"properties":{"description":"改"}}""", "application/merge-patch+json")]
    [InlineData("POST", "/ogc/collections/sites/items/{site}/events", """{"status":"demolished"}""", "application/json")]
    [InlineData("POST", "/ogc/collections/sites/items/{site}/attachments", "@jpeg", "image/jpeg")]
    public async Task An_inspector_of_huiji_cannot_change_a_site_in_zhongmou(string method, string path, string body, string type)
    {
        var site = await db.ScalarAsync<string>("SELECT s.code FROM sites s JOIN admin_areas a ON a.code = '410122' AND ST_Intersects(a.geom, ST_PointOnSurface(s.geom)) WHERE s.status = 'assigned' ORDER BY s.id LIMIT 1");
        var client = await _factory.ClientAsync(Role.Inspector, "410108");
        var before = await SnapshotAsync();
        var response = await client.SendAsync(await RequestAsync(method, path, body, type, site));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var detail = await ProblemDetailAsync(response);
        Assert.Contains("中牟县", detail, StringComparison.Ordinal);
        Assert.Contains("惠济区", detail, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task An_inspector_of_huiji_cannot_record_a_site_in_xingyang_but_can_in_huiji()
    {
        var client = await _factory.ClientAsync(Role.Inspector, "410108");
        var before = await SnapshotAsync();
        var refused = await client.PostAsync("/ogc/collections/sites/items", new StringContent(GaocunSite, Encoding.UTF8, "application/geo+json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("荥阳市", await ProblemDetailAsync(refused), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());

        var made = await client.PostAsync("/ogc/collections/sites/items", new StringContent(HuijiSite, Encoding.UTF8, "application/geo+json"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
    }

    [Theory]
    [InlineData(Role.Analyst, "POST", "/ogc/collections/sites/items")]
    [InlineData(Role.Public, "POST", "/ogc/collections/sites/items")]
    [InlineData(Role.Planner, "POST", "/ogc/collections/sites/items/{site}/events")]
    [InlineData(Role.GridWorker, "DELETE", "/ogc/collections/sites/items/{site}")]
    [InlineData(Role.Inspector, "GET", "/audit")]
    [InlineData(Role.Public, "POST", "/analyses/hotspots/jobs?bin-size=500")]
    [InlineData(Role.Analyst, "PATCH", "/ogc/collections/reports/items/{report}")]
    public async Task A_role_that_may_not_is_refused_with_the_roles_that_may(Role role, string method, string path)
    {
        var client = await _factory.ClientAsync(role);
        var body = method == "DELETE" || method == "GET" || path.Contains("jobs", StringComparison.Ordinal) ? null
            : path.EndsWith("/events", StringComparison.Ordinal) ? """{"status":"verified"}"""
            : path.Contains("reports", StringComparison.Ordinal) ? """{"properties":{"status":"closed"}}""" : HuijiSite;
        var type = body is null ? null : path.Contains("reports", StringComparison.Ordinal) ? "application/merge-patch+json" : "application/json";
        var before = await SnapshotAsync();
        var response = await client.SendAsync(await RequestAsync(method, path, body, type, "SL-0001"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(" may", await ProblemDetailAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_token_past_its_expiry_or_signed_by_another_key_is_refused()
    {
        var name = await TestUsers.EnsureAsync(db.DataSource, Role.Admin);
        var key = new SymmetricSecurityKey(await new UserStore(db.DataSource).SigningKeyAsync());
        string Token(SecurityKey k, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "geogrid", Audience = "geogrid", Subject = new ClaimsIdentity([new Claim("sub", name)]),
            IssuedAt = expires.AddHours(-8), NotBefore = expires.AddHours(-8), Expires = expires,
            SigningCredentials = new SigningCredentials(k, SecurityAlgorithms.HmacSha256),
        });

        // The same kind of token, valid, is taken: what refuses the others is their expiry and key alone.
        var valid = await _factory.CreateClient().WithToken(Token(key, DateTime.UtcNow.AddHours(1))).GetAsync("/audit?limit=1");
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);

        var expired = await _factory.CreateClient().WithToken(Token(key, DateTime.UtcNow.AddMinutes(-5))).GetAsync("/audit?limit=1");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", await ProblemDetailAsync(expired), StringComparison.Ordinal);

        var forged = await _factory.CreateClient().WithToken(Token(new SymmetricSecurityKey(new byte[64]), DateTime.UtcNow.AddHours(1))).GetAsync("/audit?limit=1");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_is_refused_at_once_and_at_sign_in_and_enabled_again_works()
    {
        var store = new UserStore(db.DataSource);
        var name = "disabled-" + Guid.NewGuid().ToString("N")[..8];
        await store.AddAsync(name, "停用测试", Role.Admin, GeoGrid.Server.Access.Passwords.Hash(TestUsers.Password), null);
        var client = _factory.CreateClient().WithToken(await TestUsers.SignInAsync(_factory.CreateClient(), name));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/audit?limit=1")).StatusCode);

        await store.SetDisabledAsync(name, true);
        var refused = await client.GetAsync("/audit?limit=1");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("disabled", await ProblemDetailAsync(refused), StringComparison.Ordinal);
        var signIn = await _factory.CreateClient().PostAsync("/auth/token", new StringContent($$"""{"username":"{{name}}","password":"{{TestUsers.Password}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);

        await store.SetDisabledAsync(name, false);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/audit?limit=1")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_name_get_the_same_answer()
    {
        var name = await TestUsers.EnsureAsync(db.DataSource, Role.Analyst);
        var wrong = await _factory.CreateClient().PostAsync("/auth/token", new StringContent($$"""{"username":"{{name}}","password":"not-it-at-all"}""", Encoding.UTF8, "application/json"));
        var unknown = await _factory.CreateClient().PostAsync("/auth/token", new StringContent("""{"username":"nobody-here","password":"not-it-at-all"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(await ProblemDetailAsync(wrong), await ProblemDetailAsync(unknown));

        // OAuth 2.0's password grant form is taken too.
        var form = await _factory.CreateClient().PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = name, ["password"] = TestUsers.Password }));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = JsonDocument.Parse(await form.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        using var me = JsonDocument.Parse(await _factory.CreateClient().WithToken(token).GetStringAsync("/auth/me"));
        Assert.Equal("analyst", me.RootElement.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_machine_signs_in_with_an_api_key_in_the_header_or_the_open311_parameter()
    {
        var store = new UserStore(db.DataSource);
        var name = "machine-" + Guid.NewGuid().ToString("N")[..8];
        await store.AddAsync(name, "采集终端", Role.Inspector, null, ["410108"]);
        var key = await store.AddApiKeyAsync(name, "test");
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        var made = await client.PostAsync("/ogc/collections/sites/items", new StringContent(HuijiSite, Encoding.UTF8, "application/geo+json"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var code = made.Headers.Location!.Segments[^1];
        Assert.Equal(name, await db.ScalarAsync<string>("SELECT user_name FROM audit_log WHERE entity = 'sites' AND entity_id = $1 AND action = 'create'", code));

        Assert.Equal("inspector", JsonDocument.Parse(await _factory.CreateClient().GetStringAsync($"/auth/me?api_key={key}")).RootElement.GetProperty("role").GetString());
        var wrong = _factory.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-API-Key", "gg_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync("/ogc/collections/sites/items", new StringContent(HuijiSite, Encoding.UTF8, "application/geo+json"))).StatusCode);
    }

    [Fact]
    public async Task Phone_numbers_are_whole_for_staff_and_masked_for_the_public()
    {
        var (lon, lat, phone) = await FirstWorkerAsync();
        var path = FormattableString.Invariant($"/analyses/responsibility?lon={lon}&lat={lat}&radius=10");
        string Phones(string json) => string.Join(",", JsonDocument.Parse(json).RootElement.GetProperty("grids").EnumerateArray()
            .SelectMany(g => g.GetProperty("workers").EnumerateArray()).Select(w => w.GetProperty("phone").GetString()));

        var anonymous = Phones(await _factory.CreateClient().GetStringAsync(path));
        Assert.DoesNotContain(phone, anonymous, StringComparison.Ordinal);
        Assert.Contains($"{phone[..3]}****{phone[^4..]}", anonymous, StringComparison.Ordinal);
        Assert.Contains(phone, Phones(await (await _factory.ClientAsync(Role.Inspector)).GetStringAsync(path)), StringComparison.Ordinal);
        Assert.DoesNotContain(phone, Phones(await (await _factory.ClientAsync(Role.Analyst)).GetStringAsync(path)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_reads_the_audit_per_feature_per_user_and_per_area_with_before_and_after()
    {
        var inspector = await _factory.ClientAsync(Role.Inspector, "410108");
        var name = await TestUsers.EnsureAsync(db.DataSource, Role.Inspector, "410108");
        var made = await inspector.PostAsync("/ogc/collections/sites/items", new StringContent(HuijiSite, Encoding.UTF8, "application/geo+json"));
        var code = made.Headers.Location!.Segments[^1];
        Assert.Equal(HttpStatusCode.Created, (await inspector.PostAsync($"/ogc/collections/sites/items/{code}/events", new StringContent("""{"status":"核实","note":"现场核实"}""", Encoding.UTF8, "application/json"))).StatusCode);

        var admin = await _factory.ClientAsync(Role.Admin);
        using var byFeature = JsonDocument.Parse(await admin.GetStringAsync($"/audit?collection=sites&feature={code}"));
        var entries = byFeature.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["step verified", "create"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(name, e.GetProperty("user").GetString()));
        Assert.Equal("found", entries[0].GetProperty("before").GetProperty("status").GetString());
        Assert.Equal("verified", entries[0].GetProperty("after").GetProperty("status").GetString());
        Assert.StartsWith("410108", entries[0].GetProperty("area_code").GetString(), StringComparison.Ordinal);

        Assert.Contains(code, await admin.GetStringAsync($"/audit?user={name}&limit=1000"), StringComparison.Ordinal);
        Assert.Contains(code, await admin.GetStringAsync("/audit?area=惠济区&limit=1000"), StringComparison.Ordinal);
        Assert.DoesNotContain(code, await admin.GetStringAsync("/audit?area=中牟县&limit=1000"), StringComparison.Ordinal);
        var ambiguous = await admin.GetAsync("/audit?area=nowhere-at-all");
        Assert.Equal(HttpStatusCode.BadRequest, ambiguous.StatusCode);
    }

    private async Task<(double Lon, double Lat, string Phone)> FirstWorkerAsync()
    {
        await using var cmd = db.DataSource.CreateCommand("SELECT ST_X(ST_PointOnSurface(g.geom)), ST_Y(ST_PointOnSurface(g.geom)), w.phone FROM grids g JOIN grid_workers w ON w.grid_id = g.id WHERE g.level = 3 ORDER BY g.id, w.id LIMIT 1");
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDouble(0), reader.GetDouble(1), reader.GetString(2));
    }

    private async Task<HttpRequestMessage> RequestAsync(string method, string path, string? body, string? type, string site)
    {
        var report = await db.ScalarAsync<string>("SELECT code FROM reports WHERE status = 'routed' ORDER BY id LIMIT 1");
        var filled = path.Replace("{site}", site, StringComparison.Ordinal).Replace("{report}", report, StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), filled);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body == "@jpeg" ? s_jpeg : Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type!);
        }

        if (method is "PUT" or "PATCH" or "DELETE" && path.Contains("/items/", StringComparison.Ordinal))
        {
            var version = await db.ScalarAsync<int>(path.Contains("reports", StringComparison.Ordinal) ? "SELECT version FROM reports WHERE code = $1" : "SELECT version FROM sites WHERE code = $1",
                path.Contains("reports", StringComparison.Ordinal) ? report : site);
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        return request;
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }

    /// <summary>What any write would move: the data version, the audit, jobs, attachments, events, versions.</summary>
    private async Task<string> SnapshotAsync() => await db.ScalarAsync<string>("""
        SELECT concat_ws(',', (SELECT last_value FROM data_version), (SELECT count(*) FROM audit_log), (SELECT count(*) FROM analysis_jobs),
                              (SELECT count(*) FROM site_attachments), (SELECT count(*) FROM site_events), (SELECT count(*) FROM report_events),
                              (SELECT count(*) FROM sites), (SELECT coalesce(sum(version), 0) FROM sites), (SELECT coalesce(sum(version), 0) FROM reports))
        """);

    public void Dispose() => _factory.Dispose();
}
