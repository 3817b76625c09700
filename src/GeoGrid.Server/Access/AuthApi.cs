using System.Security.Claims;
using GeoGrid.Core.Domain;
using GeoGrid.Server.Http;
using GeoGrid.Storage.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GeoGrid.Server.Access;

/// <summary>
/// Sign-in: <c>POST /auth/token</c> takes a name and password (JSON, or the form fields of OAuth 2.0's
/// password grant) and answers a bearer token; <c>GET /auth/me</c> says who the token is.
/// </summary>
public static class AuthApi
{
    public const string SignInLimit = "sign-in";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/token", TokenAsync).RequireRateLimiting(SignInLimit);
        app.MapGet("/auth/me", (HttpContext context) =>
        {
            var actor = context.Actor();
            return TypedResults.Ok(new
            {
                name = actor.Name,
                signed_in = actor.IsUser,
                role = DomainLabels.Key(actor.Role),
                role_label = DomainLabels.Zh(actor.Role),
                areas = actor.Areas,
            });
        });
        return app;
    }

    public static async Task<IResult> TokenAsync(HttpRequest request, UserStore users, SigningKeys keys, TokenLifetime lifetime, CancellationToken ct)
    {
        string? name, password;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct).ConfigureAwait(false);
            name = form["username"].ToString();
            password = form["password"].ToString();
        }
        else
        {
            JsonBodies.Check(request.HttpContext);
            var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
            name = JsonBodies.Text(body, "username", 64);
            password = JsonBodies.Text(body, "password", 200);
        }

        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "send username and password", string.IsNullOrEmpty(name) ? "username" : "password");
        }

        var user = await users.FindAsync(name, ct).ConfigureAwait(false);
        // One answer for an unknown name and a wrong password, so names cannot be probed.
        if (user?.PasswordHash is not { } hash || !Passwords.Verify(hash, password))
        {
            throw new ProblemException(StatusCodes.Status401Unauthorized, "wrong name or password", "password");
        }

        if (user.Disabled)
        {
            throw new ProblemException(StatusCodes.Status401Unauthorized, $"user {user.Name} is disabled; an admin can enable them again", "username");
        }

        var expires = DateTime.UtcNow + lifetime.Value;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessSetup.Issuer,
            Audience = AccessSetup.Issuer,
            Subject = new ClaimsIdentity([new Claim(Callers.NameClaim, user.Name), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            Expires = expires,
            NotBefore = DateTime.UtcNow.AddSeconds(-5),
            SigningCredentials = new SigningCredentials(await keys.GetAsync(ct).ConfigureAwait(false), SecurityAlgorithms.HmacSha256),
        });
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new
        {
            access_token = token,
            token_type = "Bearer",
            expires_in = (int)lifetime.Value.TotalSeconds,
            user = new { name = user.Name, display_name = user.DisplayName, role = DomainLabels.Key(user.Role), areas = user.Areas },
        });
    }
}
