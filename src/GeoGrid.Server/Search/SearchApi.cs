using GeoGrid.Core.Domain;
using GeoGrid.Server.Http;
using GeoGrid.Storage.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace GeoGrid.Server.Search;

/// <summary>
/// <c>GET /search?q=高村乡</c>: areas, grids, roads, road chiefs, sites and reports by name or code, each
/// with its extent, for a map to fly to; <c>GET /labels</c>: the zh-CN label of every key the data uses
/// (statuses, categories, levels, roles), so a client shows 发现, not <c>found</c>.
/// </summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/search", SearchAsync).WithTags("Search").WithSummary("Find areas, grids, roads, chiefs, sites and reports by name or code");
        app.MapGet("/labels", () => TypedResults.Json(DomainLabels.All())).WithTags("Search").WithSummary("zh-CN labels of the keys the data uses");
        return app;
    }

    public static async Task<IResult> SearchAsync(HttpRequest request, GeoGrid.Storage.ReadSource reads, CancellationToken ct)
    {
        var q = RequestGrammar.Single(request.Query, "q")?.Trim();
        if (string.IsNullOrEmpty(q) || q.Length > 100)
        {
            throw new ParameterException("q", "q is the name or code to look for: 1 to 100 characters");
        }

        var limit = RequestGrammar.Int(request.Query, "limit", 20, 1, 50);
        var places = await new PlaceSearch(reads).FindAsync(q, limit, ct).ConfigureAwait(false);
        return TypedResults.Json(new
        {
            q,
            places = places.Select(p => new
            {
                kind = p.Kind,
                code = p.Code,
                name = p.Name,
                detail = p.Detail,
                bbox = new[] { Math.Round(p.West, 7), Math.Round(p.South, 7), Math.Round(p.East, 7), Math.Round(p.North, 7) },
            }),
        });
    }
}
