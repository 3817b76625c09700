using GeoGrid.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GeoGrid.Server.Http;

/// <summary>
/// With a read replica configured (<c>GeoGrid:ReadConnectionString</c>), chooses per request where its
/// reads go, so that a client always sees its own writes. A successful write answers with the primary's
/// WAL position in the cookie <c>geogrid-wal</c> (and the header <c>GeoGrid-WAL</c>, for clients without
/// cookies to send back as <c>GeoGrid-Min-WAL</c>); a read that carries a position the replica has not
/// replayed yet goes to the primary, every other read to the replica. A write's own reads stay on the
/// primary. <c>GeoGrid-Read: replica|primary</c> says which served a read.
/// </summary>
public static class ReadRouting
{
    public const string Cookie = "geogrid-wal";

    public static IApplicationBuilder UseReadRouting(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var reads = context.RequestServices.GetRequiredService<ReadSource>();
        if (reads.Replica is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            ReadSource.UsePrimaryHere();
            context.Response.OnStarting(async () =>
            {
                if (context.Response.StatusCode is >= 200 and < 300)
                {
                    var position = (await reads.PrimaryPositionAsync(context.RequestAborted).ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    context.Response.Headers["GeoGrid-WAL"] = position;
                    // Long enough for any replica that keeps up to pass it; the cookie costs one small query per read while it lasts.
                    context.Response.Cookies.Append(Cookie, position, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromMinutes(5), Path = "/" });
                }
            });
        }
        else if (Position(request) is { } position && !await reads.ReplicaHasReplayedAsync(position, context.RequestAborted).ConfigureAwait(false))
        {
            ReadSource.UsePrimaryHere();
        }

        // Set as the answer starts: an error answer (a 404 problem) is written afresh by the exception handler.
        var from = reads.OnReplica ? "replica" : "primary";
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["GeoGrid-Read"] = from;
            return Task.CompletedTask;
        });
        await next(context).ConfigureAwait(false);
    });

    // The later of the cookie's and the header's position; anything unreadable counts as none.
    private static ulong? Position(HttpRequest request)
    {
        ulong? Parse(string? text) => ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        var fromCookie = Parse(request.Cookies[Cookie]);
        var fromHeader = Parse(request.Headers["GeoGrid-Min-WAL"].ToString());
        return fromCookie is null ? fromHeader : fromHeader is null ? fromCookie : Math.Max(fromCookie.Value, fromHeader.Value);
    }
}
