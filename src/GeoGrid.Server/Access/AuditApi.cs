using GeoGrid.Server.Http;
using GeoGrid.Storage.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace GeoGrid.Server.Access;

/// <summary>
/// The audit log for admins: <c>GET /audit</c> with any of <c>collection</c> and <c>feature</c> (one
/// feature's changes), <c>user</c> (one person's), <c>area</c> (code or name: everything changed in it
/// and the areas within), newest first, <c>limit</c> rows a page and a <c>next</c> link.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", ReadAsync).RequireAuthorization(Policies.Admin).WithTags("Access").WithSummary("Who changed what, when, before and after (admins)");
        return app;
    }

    public static async Task<IResult> ReadAsync(HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var query = request.Query;
        var feature = RequestGrammar.Single(query, "feature");
        var collection = RequestGrammar.Single(query, "collection");
        if (feature is not null && collection is null)
        {
            throw new ParameterException("collection", "a feature is named with its collection (collection=sites&feature=…)");
        }

        var area = await AreaParameter.ReadAsync(dataSource, RequestGrammar.Single(query, "area"), "area", ct).ConfigureAwait(false);
        var before = RequestGrammar.Int(query, "before", 0, 0, int.MaxValue);
        var limit = RequestGrammar.Int(query, "limit", 100, 1, 1000);
        var (rows, next) = await new AuditLog(dataSource).ReadAsync(
            new AuditLog.Query(collection, feature, RequestGrammar.Single(query, "user"), area?.Code, limit, before == 0 ? null : before), ct).ConfigureAwait(false);
        var links = new List<object>();
        if (next is { } n)
        {
            var rest = string.Join('&', query.Where(q => q.Key != "before").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}"));
            links.Add(new { rel = "next", href = $"{request.Scheme}://{request.Host}/audit?{rest}{(rest.Length > 0 ? "&" : "")}before={n}" });
        }

        // Rows are JSON from the database already; the answer is put together without re-parsing them.
        var body = $"{{\"entries\":[{string.Join(',', rows)}],\"links\":{System.Text.Json.JsonSerializer.Serialize(links)}}}";
        return TypedResults.Text(body, "application/json; charset=utf-8");
    }
}
