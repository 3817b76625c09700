using System.Text.Json.Nodes;
using GeoGrid.Core.Domain;
using GeoGrid.Server.Access;
using GeoGrid.Server.Http;
using GeoGrid.Storage.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace GeoGrid.Server.Lifecycle;

/// <summary>
/// <c>GET /deadlines</c>: how many days each 四乱 step (per category) and each 随手拍 category may take;
/// <c>PATCH /deadlines</c> (admins): <c>{"sites":{"building":{"assigned":30}},"reports":{"safety":1}}</c>,
/// categories and steps by key or zh-CN label, all set or none, audited.
/// </summary>
public static class DeadlinesApi
{
    private static readonly SiteStatus[] s_steps = [SiteStatus.Found, SiteStatus.Verified, SiteStatus.Assigned, SiteStatus.Demolished, SiteStatus.Cleared];

    public static IEndpointRouteBuilder MapDeadlinesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/deadlines", async (NpgsqlDataSource dataSource, CancellationToken ct) =>
            TypedResults.Text(await Deadlines.ReadAsync(dataSource, ct).ConfigureAwait(false), "application/json; charset=utf-8")).WithTags("Lifecycle");
        app.MapPatch("/deadlines", SetAsync).AcceptJsonOnly().RequireAuthorization(Policies.Admin).WithTags("Lifecycle");
        return app;
    }

    public static async Task<IResult> SetAsync(HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
        var changes = new List<Deadlines.Change>();
        foreach (var (key, value) in body)
        {
            if (key is not ("sites" or "reports") || value is not JsonObject byCategory)
            {
                throw new ParameterException(key, "deadlines are set as {\"sites\":{category:{step:days}},\"reports\":{category:days}}");
            }

            foreach (var (categoryText, setting) in byCategory)
            {
                if (key == "reports")
                {
                    var category = DomainLabels.Parse<ReportCategory>(categoryText) ?? throw new ParameterException(categoryText, $"'{RequestGrammar.Shorten(categoryText)}' is not a report category");
                    changes.Add(new Deadlines.Change(DomainLabels.Key(category), null, Days(setting, categoryText)));
                    continue;
                }

                var site = DomainLabels.Parse<SiteCategory>(categoryText) ?? throw new ParameterException(categoryText, $"'{RequestGrammar.Shorten(categoryText)}' is not a site category");
                if (setting is not JsonObject steps)
                {
                    throw new ParameterException(categoryText, "a site category's deadlines are {step: days}");
                }

                foreach (var (stepText, days) in steps)
                {
                    var step = DomainLabels.Parse<SiteStatus>(stepText) is { } s && s_steps.Contains(s) ? s
                        : throw new ParameterException(stepText, $"'{RequestGrammar.Shorten(stepText)}' is not a step with a deadline; they are {string.Join(", ", s_steps.Select(x => DomainLabels.Key(x)))}");
                    changes.Add(new Deadlines.Change(DomainLabels.Key(site), DomainLabels.Key(step), Days(days, stepText)));
                }
            }
        }

        if (changes.Count == 0)
        {
            throw new ParameterException("body", "name at least one deadline to set");
        }

        if (await Deadlines.SetAsync(dataSource, changes, request.HttpContext.Actor(), ct).ConfigureAwait(false) is { } missing)
        {
            throw new ParameterException(missing.Step ?? missing.Category, $"no deadline for {missing.Category} {missing.Step}");
        }

        return TypedResults.Text(await Deadlines.ReadAsync(dataSource, ct).ConfigureAwait(false), "application/json; charset=utf-8");
    }

    private static double Days(JsonNode? node, string name) =>
        node?.GetValueKind() == System.Text.Json.JsonValueKind.Number && node.GetValue<double>() is var d && double.IsFinite(d) && d > 0 && d <= 3650
            ? d
            : throw new ParameterException(name, $"{name}: days are a number above 0 and at most 3650");
}
