using GeoGrid.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace GeoGrid.Server.Access;

/// <summary>
/// Refusals of access as problem+json, like every other refusal: 401 (with <c>WWW-Authenticate</c> and
/// why the credentials failed: none, expired, disabled, unknown) and 403 naming the roles that may.
/// </summary>
public sealed class AccessProblems : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            // The middleware keeps only successful results; the handler keeps its result per request, so asking again costs nothing.
            var failure = (await context.AuthenticateAsync().ConfigureAwait(false)).Failure;
            var why = failure switch
            {
                null => "sign in first: POST /auth/token with your name and password, then send Authorization: Bearer <token> (machines: X-API-Key)",
                SecurityTokenExpiredException e => $"the token expired at {e.Expires:yyyy-MM-ddTHH:mm:ssZ}; sign in again at /auth/token",
                SecurityTokenException => "the token is not one this server signed (or was altered); sign in again at /auth/token",
                _ => failure.Message,
            };
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"GeoGrid\"";
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, why, "Authorization").ConfigureAwait(false);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var actor = context.Actor();
            var roles = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles);
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"{actor.Name} ({GeoGrid.Core.Domain.DomainLabels.Key(actor.Role)}) may not do this; {string.Join(" or ", roles)} may").ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
