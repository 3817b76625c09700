using System.Text.Encodings.Web;
using GeoGrid.Storage.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GeoGrid.Server.Access;

/// <summary>
/// Machines sign in with an API key (made by <c>geogrid user key</c>): in the <c>X-API-Key</c> header, or
/// the <c>api_key</c> query parameter Open311 clients send. The key's owner must exist and be enabled.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserStore users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public static bool Present(HttpRequest request) => request.Headers.ContainsKey("X-API-Key") || request.Query.ContainsKey("api_key");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers.TryGetValue("X-API-Key", out var header) ? header.ToString() : Request.Query["api_key"].ToString();
        if (key.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("the API key is empty or too long");
        }

        var user = await users.FindByApiKeyAsync(key, Context.RequestAborted).ConfigureAwait(false);
        return user switch
        {
            null => AuthenticateResult.Fail("no user holds that API key"),
            { Disabled: true } => AuthenticateResult.Fail($"user {user.Name} is disabled"),
            _ => AuthenticateResult.Success(new AuthenticationTicket(Callers.Principal(user, SchemeName), SchemeName)),
        };
    }
}
