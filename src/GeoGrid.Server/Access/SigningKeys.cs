using GeoGrid.Storage.Access;
using Microsoft.IdentityModel.Tokens;

namespace GeoGrid.Server.Access;

/// <summary>
/// The key bearer tokens are signed and checked with: GeoGrid:Auth:SigningKey when set (base64, at
/// least 32 bytes), else the one kept in the database, read once and then held.
/// </summary>
public sealed class SigningKeys(UserStore users, string? configured)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SymmetricSecurityKey? _key = configured is { Length: > 0 } text ? new SymmetricSecurityKey(Convert.FromBase64String(text)) : null;

    public SymmetricSecurityKey? Loaded => _key;

    public async Task<SymmetricSecurityKey> GetAsync(CancellationToken ct)
    {
        if (_key is { } key)
        {
            return key;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _key ??= new SymmetricSecurityKey(await users.SigningKeyAsync(ct).ConfigureAwait(false));
        }
        finally
        {
            _gate.Release();
        }
    }
}
