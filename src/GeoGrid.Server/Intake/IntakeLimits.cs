using System.Globalization;
using System.Threading.RateLimiting;
using GeoGrid.Server.Access;
using GeoGrid.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GeoGrid.Server.Intake;

/// <summary>
/// Per-client rate limits on what anyone may send: the public intake (GeoGrid:Intake:PerMinute reports a
/// minute from one client, 30 by default) and sign-in (10 attempts a minute). A client is its user (by
/// token or API key) when it has one, else its address. Over the limit: 429 with Retry-After.
/// </summary>
public static class IntakeLimits
{
    public const string Policy = "intake";

    public static void AddGeoGridRateLimits(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("GeoGrid:Intake:PerMinute", 30);
        var signIns = builder.Configuration.GetValue("GeoGrid:Auth:SignInsPerMinute", 10);
        builder.Services.AddSingleton(new GeoGrid.Storage.Features.ReportIntake.DuplicateRule(
            builder.Configuration.GetValue("GeoGrid:Intake:DuplicateMetres", 50.0), builder.Configuration.GetValue("GeoGrid:Intake:DuplicateHours", 24.0)));
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, c => Window(c, perMinute));
            o.AddPolicy(AuthApi.SignInLimit, c => Window(c, signIns));
            o.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, $"too many requests from this client; try again in {retry} s").ConfigureAwait(false);
            };
        });
    }

    private static RateLimitPartition<string> Window(HttpContext context, int perMinute)
    {
        // Authentication ran first, so an API key or token has become its user here.
        var client = context.User.Identity?.IsAuthenticated == true ? "user " + context.Actor().Name
            : "ip " + (context.Connection.RemoteIpAddress?.ToString() ?? "local");
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
