using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;
using GeoGrid.Server.Access;
using GeoGrid.Storage.Access;
using Npgsql;

namespace GeoGrid.Server.Tests;

/// <summary>
/// Users for tests, made in the fixture's database the way the CLI makes them (hashed password, role,
/// areas) and signed in through <c>POST /auth/token</c> like any client.
/// </summary>
public static class TestUsers
{
    public const string Password = "test-password-0";

    /// <summary>The name of a user with this role and these areas, made when missing.</summary>
    public static async Task<string> EnsureAsync(NpgsqlDataSource dataSource, Role role, params string[] areas)
    {
        var name = $"t-{DomainLabels.Key(role)}{(areas.Length == 0 ? "" : "-" + string.Join("-", areas))}";
        var store = new UserStore(dataSource);
        if (await store.FindAsync(name) is null)
        {
            try
            {
                await store.AddAsync(name, $"测试{DomainLabels.Zh(role)}", role, Passwords.Hash(Password), areas.Length == 0 ? null : areas);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Another test class made the same user at the same moment: theirs serves.
            }
        }

        return name;
    }

    /// <summary>A bearer token for <paramref name="name"/> from the server behind <paramref name="client"/>.</summary>
    public static async Task<string> SignInAsync(HttpClient client, string name, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/auth/token", new { username = name, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {name}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
