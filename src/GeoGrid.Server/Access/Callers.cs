using System.Security.Claims;
using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;
using GeoGrid.Storage.Access;
using Microsoft.AspNetCore.Http;

namespace GeoGrid.Server.Access;

/// <summary>The caller of a request as the domain sees them: an <see cref="Actor"/> built from the principal sign-in made.</summary>
public static class Callers
{
    public const string NameClaim = "sub";
    public const string RoleClaim = "role";
    public const string AreaClaim = "area";

    /// <summary>The principal of a user whose token or API key was checked, with the role and areas the database holds now.</summary>
    public static ClaimsPrincipal Principal(UserRecord user, string scheme)
    {
        var claims = new List<Claim> { new(NameClaim, user.Name), new(RoleClaim, DomainLabels.Key(user.Role)), new("name", user.DisplayName) };
        claims.AddRange((user.Areas ?? []).Select(a => new Claim(AreaClaim, a)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, NameClaim, RoleClaim));
    }

    /// <summary>Who is asking: the signed-in user, or the public from the client's address.</summary>
    public static Actor Actor(this HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(NameClaim)?.Value is not { } name)
        {
            return GeoGrid.Core.Access.Actor.Anonymous(context.Connection.RemoteIpAddress?.ToString() ?? "local");
        }

        var role = DomainLabels.Parse<Role>(user.FindFirst(RoleClaim)?.Value ?? "") ?? Role.Public;
        var areas = user.FindAll(AreaClaim).Select(c => c.Value).ToList();
        return new Actor(name, role, areas.Count == 0 ? null : areas);
    }
}
