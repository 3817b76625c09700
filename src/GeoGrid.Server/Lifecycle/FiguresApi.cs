using GeoGrid.Server.Access;
using GeoGrid.Server.Http;
using GeoGrid.Storage.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace GeoGrid.Server.Lifecycle;

/// <summary>
/// <c>GET /figures/reports?area=高村乡&amp;datetime=2025-01-01/2025-12-31&amp;level=3</c>: how many 随手拍
/// reports were found and closed in an area (code or name) or grid (code) over a period, the median
/// hours to close and how many were overdue — as a whole and per grid of a level (1–3; 0 or none: the whole only).
/// The period is the request grammar's <c>datetime</c> (China Standard Time; a bare date is its whole day); the last 12 months by default.
/// </summary>
public static class FiguresApi
{
    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/figures/reports", ReportsAsync).WithTags("Lifecycle").WithSummary("随手拍 closing figures per area or grid and period");
        return app;
    }

    public static async Task<IResult> ReportsAsync(HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var query = request.Query;
        var areaText = RequestGrammar.Single(query, "area") ?? throw new ParameterException("area", "name the area (code or name, e.g. 高村乡) or grid (code)");
        // An administrative area by code or name; else a grid by its code (the figures' SQL takes either).
        var code = (await GeoGrid.Storage.Access.AreaLimits.FindAsync(dataSource, areaText, ct).ConfigureAwait(false)).Count == 0
            ? areaText
            : (await AreaParameter.ReadAsync(dataSource, areaText, "area", ct).ConfigureAwait(false))!.Value.Code;
        var (from, to) = RequestGrammar.Interval("datetime", RequestGrammar.Single(query, "datetime"));
        var end = to ?? DateTimeOffset.UtcNow;
        var start = from ?? end.AddYears(-1);
        if (start >= end)
        {
            throw new ParameterException("datetime", "the period ends after it starts");
        }

        var level = RequestGrammar.Int(query, "level", 0, 0, 3);
        var figures = await ReportFigures.ReadAsync(dataSource, code, start, end, level, ct).ConfigureAwait(false);
        if (figures == "[]" || figures == "null")
        {
            throw new ParameterException("area", $"no administrative area or grid '{RequestGrammar.Shorten(areaText)}'");
        }

        return TypedResults.Text($"{{\"area\":{System.Text.Json.JsonSerializer.Serialize(code)},\"from\":\"{start.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}\",\"to\":\"{end.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}\",\"figures\":{figures}}}",
            "application/json; charset=utf-8");
    }
}
