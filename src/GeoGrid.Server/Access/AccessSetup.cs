using GeoGrid.Storage.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace GeoGrid.Server.Access;

/// <summary>
/// Sign-in and roles: people send a bearer token (a JWT from <c>POST /auth/token</c>, HMAC-SHA256 with
/// the key of <see cref="SigningKeys"/>), machines an API key. Every checked token is matched against
/// the user as stored now, so a disabled user is refused at once and a changed role or area applies at
/// once. A request without credentials is the public; endpoints that need a role say which.
/// </summary>
public static class AccessSetup
{
    public const string Scheme = "GeoGrid";
    public const string Issuer = "geogrid";

    public static void AddGeoGridAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton(sp => new SigningKeys(sp.GetRequiredService<UserStore>(), builder.Configuration["GeoGrid:Auth:SigningKey"]));
        builder.Services.AddSingleton(new TokenLifetime(TimeSpan.FromMinutes(builder.Configuration.GetValue("GeoGrid:Auth:TokenMinutes", 480))));
        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = c => ApiKeyHandler.Present(c.Request) ? ApiKeyHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Issuer,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = Callers.NameClaim,
                    RoleClaimType = Callers.RoleClaim,
                };
                o.Events = new JwtBearerEvents
                {
                    // The key is read from the database on the first token, not at start-up (the server starts while the database is away).
                    OnMessageReceived = async c =>
                    {
                        if (c.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                        {
                            await c.HttpContext.RequestServices.GetRequiredService<SigningKeys>().GetAsync(c.HttpContext.RequestAborted).ConfigureAwait(false);
                        }
                    },
                    OnTokenValidated = async c =>
                    {
                        var name = c.Principal?.FindFirst(Callers.NameClaim)?.Value ?? "";
                        var user = await c.HttpContext.RequestServices.GetRequiredService<UserStore>().FindAsync(name, c.HttpContext.RequestAborted).ConfigureAwait(false);
                        if (user is null || user.Disabled)
                        {
                            c.Fail(user is null ? $"user {name} no longer exists" : $"user {name} is disabled");
                            return;
                        }

                        c.Principal = Callers.Principal(user, JwtBearerDefaults.AuthenticationScheme);
                    },
                };
            });
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeys>((o, keys) =>
            o.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => keys.Loaded is { } key ? [key] : []);
        builder.Services.AddAuthorization(o =>
        {
            foreach (var policy in Policies.Roles.Keys)
            {
                o.AddPolicy(policy, p => p.RequireRole(Policies.RoleKeys(policy)));
            }
        });
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessProblems>();
    }
}

/// <summary>How long a bearer token lasts (GeoGrid:Auth:TokenMinutes, a working shift by default).</summary>
public sealed record TokenLifetime(TimeSpan Value);
