using System.Security.Cryptography;
using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;
using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Access;

/// <summary>
/// Users, their API keys and the token signing key. Passwords arrive hashed (the hasher is ASP.NET
/// Core's, in the server); API keys arrive whole and are kept as their SHA-256, so the table never
/// holds anything that signs in by itself.
/// </summary>
public sealed class UserStore(NpgsqlDataSource dataSource)
{
    /// <summary>Adds a user; refuses unknown area codes (<see cref="ArgumentException"/>) and a taken name (unique violation).</summary>
    public async Task AddAsync(string name, string displayName, Role role, string? passwordHash, IReadOnlyList<string>? areas, CancellationToken ct = default)
    {
        if (areas is { Count: > 0 })
        {
            await using var check = dataSource.CreateCommand(SqlFiles.Read("Access/areas_unknown.sql"));
            check.Parameters.Add(new NpgsqlParameter { Value = areas.ToArray() });
            var unknown = new List<string>();
            await using (var reader = await check.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    unknown.Add(reader.GetString(0));
                }
            }

            if (unknown.Count > 0)
            {
                throw new ArgumentException($"no administrative area has the code {string.Join(", ", unknown)}", nameof(areas));
            }
        }

        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Access/user_add.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = displayName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = DomainLabels.Key(role) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)passwordHash ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = areas is { Count: > 0 } ? areas.ToArray() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken ct = default) => await ReadAsync("Access/user_list.sql", null, ct).ConfigureAwait(false);

    public async Task<UserRecord?> FindAsync(string name, CancellationToken ct = default) => (await ReadAsync("Access/user_find.sql", name, ct).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>The owner of an API key, or null when no key is that one.</summary>
    public async Task<UserRecord?> FindByApiKeyAsync(string key, CancellationToken ct = default) =>
        (await ReadAsync("Access/apikey_find.sql", Sha256(key), ct).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Disables (or enables again) a user; false when there is none of that name.</summary>
    public Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken ct = default) => ChangeAsync("Access/user_disable.sql", ct, name, disabled);

    public Task<bool> SetPasswordHashAsync(string name, string hash, CancellationToken ct = default) => ChangeAsync("Access/user_password.sql", ct, name, hash);

    /// <summary>Makes a new API key for a user and returns it: it is shown once and kept only as its SHA-256. Null when there is no such user.</summary>
    public async Task<string?> AddApiKeyAsync(string name, string label, CancellationToken ct = default)
    {
        var key = "gg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return await ChangeAsync("Access/apikey_add.sql", ct, name, Sha256(key), label).ConfigureAwait(false) ? key : null;
    }

    /// <summary>The secret bearer tokens are signed with: made by the first server that asks, the same for all after.</summary>
    public async Task<byte[]> SigningKeyAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Access/signing_key.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(64) });
        return (byte[])(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private static byte[] Sha256(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    private async Task<List<UserRecord>> ReadAsync(string sqlFile, object? argument, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read(sqlFile));
        if (argument is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        var users = new List<UserRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            users.Add(new UserRecord(
                reader.GetString(0), reader.GetString(1), DomainLabels.Parse<Role>(reader.GetString(2))!.Value,
                reader.IsDBNull(3) ? null : reader.GetFieldValue<string[]>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7)));
        }

        return users;
    }

    private async Task<bool> ChangeAsync(string sqlFile, CancellationToken ct, params object[] args) =>
        await SqlCommands.ScalarAsync(dataSource, sqlFile, ct, args).ConfigureAwait(false) is true;
}
