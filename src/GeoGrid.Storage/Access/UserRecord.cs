using GeoGrid.Core.Access;

namespace GeoGrid.Storage.Access;

/// <summary>A user as stored: the password hash stays in Storage and the sign-in code, never in an answer.</summary>
public sealed record UserRecord(string Name, string DisplayName, Role Role, IReadOnlyList<string>? Areas, DateTimeOffset? DisabledAt, DateTimeOffset CreatedAt, string? PasswordHash, int ApiKeys)
{
    public bool Disabled => DisabledAt is not null;

    public Actor Actor => new(Name, Role, Areas);
}
