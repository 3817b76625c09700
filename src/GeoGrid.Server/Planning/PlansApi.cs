using System.Text.Json.Nodes;
using GeoGrid.Core.Coverage;
using GeoGrid.Core.Planning;
using GeoGrid.Formats;
using GeoGrid.Server.Access;
using GeoGrid.Server.Http;
using GeoGrid.Server.Tiles;
using GeoGrid.Storage.Catalog;
using GeoGrid.Storage.Plans;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Server.Planning;

/// <summary>
/// Redrawing grids (planners and admins, in their areas). <c>POST /plans</c> <c>{"title","grid"}</c> (or
/// <c>"area"</c>: a district's or town's code) opens a draft over every grid below that grid or area; <c>GET /plans/{id}</c> is
/// its state as GeoJSON; <c>POST …/split</c> (<c>{"grid","cut":GeoJSON line or polygon}</c>), <c>…/merge</c>
/// (<c>{"grids":[…]}</c>), <c>…/boundary</c>, <c>…/reassign</c> (<c>{"grid","parent"}</c>), <c>…/suggest</c>
/// and <c>PATCH …/grids/{code}</c> (<c>{"name","households","population","workers"}</c>) change it — each checked at once by the
/// plan rules (422 naming the rule, with the geometry at fault); <c>GET …/preview</c> compares it with the map;
/// <c>POST …/apply</c> writes it (409 with what changed when the grids moved on since it began);
/// <c>DELETE</c> discards a draft.
/// </summary>
public static class PlansApi
{
    /// <summary>The plan rules: GeoGrid:Plans:SliverSquareMetres (2,000), NeedleWidthMetres (15), SnapMetres (5); a split or boundary may give its own <c>snap_m</c>.</summary>
    private static PlanRules Rules(HttpRequest request, JsonObject? body = null)
    {
        var configuration = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>();
        var snap = configuration.GetValue("GeoGrid:Plans:SnapMetres", 5.0);
        if (body?["snap_m"] is { } given)
        {
            snap = given.GetValueKind() == System.Text.Json.JsonValueKind.Number && given.GetValue<double>() is var v && v >= 0 && v <= 50
                ? v
                : throw new ParameterException("snap_m", "snap_m is the snapping tolerance in metres, 0 to 50");
        }

        // About 90 km a degree of longitude and 111 km of latitude here: the smaller keeps the tolerance within what was asked.
        return new PlanRules(configuration.GetValue("GeoGrid:Plans:SliverSquareMetres", 2_000.0), configuration.GetValue("GeoGrid:Plans:NeedleWidthMetres", 15.0), snap / 111_000);
    }

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/plans").RequireAuthorization(Policies.PlanGrids).WithTags("Planning");
        plans.MapPost("/", OpenAsync).AcceptJsonOnly();
        plans.MapGet("/{id:guid}", ReadAsync);
        plans.MapGet("/{id:guid}/preview", PreviewAsync);
        plans.MapGet("/{id:guid}/tiles/{z:int}/{x:int}/{y:int}.mvt", TileAsync);
        plans.MapPost("/{id:guid}/split", SplitAsync).AcceptJsonOnly();
        plans.MapPost("/{id:guid}/merge", MergeAsync).AcceptJsonOnly();
        plans.MapPost("/{id:guid}/suggest", SuggestAsync).AcceptJsonOnly();
        plans.MapPost("/{id:guid}/boundary", BoundaryAsync).AcceptJsonOnly();
        plans.MapPost("/{id:guid}/reassign", ReassignAsync).AcceptJsonOnly();
        plans.MapPatch("/{id:guid}/grids/{code}", EditAsync).AcceptJsonOnly();
        plans.MapPost("/{id:guid}/apply", ApplyAsync);
        plans.MapPost("/{id:guid}/revert", RevertAsync);
        plans.MapDelete("/{id:guid}", DiscardAsync);

        // When the grids changed: public like the grids and their as-of tiles, for the map's time slider.
        app.MapGet("/grids/changes", async (NpgsqlDataSource dataSource, CancellationToken ct) =>
            TypedResults.Text(await new PlanStore(dataSource).ChangesAsync(ct).ConfigureAwait(false), "application/json; charset=utf-8"))
            .WithTags("Planning").WithSummary("When the grids changed, and by which plan (for a time slider over the grids' history)");
        return app;
    }

    public static async Task<IResult> OpenAsync(HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
        var area = JsonBodies.Text(body, "area", 12);
        var grid = JsonBodies.Text(body, "grid", 64);
        if ((grid is null) == (area is null))
        {
            throw new ParameterException("grid", "name the grid (\"grid\") or the administrative area (\"area\": a district's or town's code) whose grids the plan redraws — one of the two");
        }

        var title = JsonBodies.Text(body, "title", 200) is { Length: > 0 } t ? t : throw new ParameterException("title", "a plan has a title");
        var store = new PlanStore(dataSource);
        var id = await store.OpenAsync((grid ?? area)!, area is not null, title, request.HttpContext.Actor(), ct).ConfigureAwait(false)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, area is null ? $"no grid '{RequestGrammar.Shorten(grid!)}'" : $"no administrative area '{RequestGrammar.Shorten(area)}'", area is null ? "grid" : "area");
        var plan = (await store.ReadAsync(id, ct).ConfigureAwait(false))!;
        // Checked after the insert so the refusal needs no second read of the grid; a refused draft goes.
        if (Refusal(request, plan) is { } refusal)
        {
            await store.DiscardAsync(id, ct).ConfigureAwait(false);
            throw refusal;
        }

        return TypedResults.Created($"{request.Scheme}://{request.Host}/plans/{id}", State(plan));
    }

    public static async Task<IResult> ReadAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Json(State(await PlanAsync(id, request, dataSource, ct).ConfigureAwait(false)));

    public static async Task<IResult> PreviewAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await PlanAsync(id, request, dataSource, ct, withGrids: false).ConfigureAwait(false);
        var json = await new PlanStore(dataSource).PreviewAsync(id, ct).ConfigureAwait(false);
        return TypedResults.Text(json!, "application/json; charset=utf-8");
    }

    /// <summary>The plan as vector tiles (layers "plan", with each grid's change, and "removed"), to draw over the map.</summary>
    public static async Task<IResult> TileAsync(Guid id, int z, int x, int y, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (z is < 0 or > 22 || x < 0 || y < 0 || x >= 1 << z || y >= 1 << z)
        {
            throw new ProblemException(StatusCodes.Status404NotFound, $"no tile {z}/{x}/{y}");
        }

        await PlanAsync(id, request, dataSource, ct, withGrids: false).ConfigureAwait(false);
        // A draft changes with every edit: no caching.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Bytes(await new PlanStore(dataSource).TileAsync(id, z, x, y, ct).ConfigureAwait(false), "application/vnd.mapbox-vector-tile");
    }

    public static async Task<IResult> SplitAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var plan = await DraftAsync(id, request, dataSource, ct).ConfigureAwait(false);
        var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
        var target = Child(plan, JsonBodies.Text(body, "grid", 64) ?? throw new ParameterException("grid", "name the grid to split"));
        var cut = GeometryOf(body, "cut");
        var rules = Rules(request, body);
        return await SaveAsync(plan, plan.Tree.Split(target, cut, rules.SnapDegrees), rules, request, dataSource, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Splits a grid of the plan into <c>k</c> contiguous grids balanced by <c>households</c> (default) or
    /// <c>reports</c> (BalancedSplit: recursive bisection), answering the plan with the suggestion's
    /// balance (coefficient of variation of the weights) and compactness beside it.
    /// </summary>
    public static async Task<IResult> SuggestAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var plan = await DraftAsync(id, request, dataSource, ct).ConfigureAwait(false);
        var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
        var target = Child(plan, JsonBodies.Text(body, "grid", 64) ?? throw new ParameterException("grid", "name the grid to split"));
        var k = body["k"] is { } kn && kn.GetValueKind() == System.Text.Json.JsonValueKind.Number && kn.GetValue<double>() is var kv && kv == Math.Floor(kv) && kv is >= 2 and <= 50
            ? (int)kv
            : throw new ParameterException("k", "k is how many grids to make: a whole number from 2 to 50");
        var by = JsonBodies.Text(body, "by", 20) ?? "households";
        var weights = by switch
        {
            "households" => BalancedSplit.Lattice(target.Geometry, target.Households),
            "reports" => (await new PlanStore(dataSource).ReportPointsAsync(target.Geometry, ct).ConfigureAwait(false)).Select(p => new BalancedSplit.Weighted(p.X, p.Y, 1)).ToList(),
            _ => throw new ParameterException("by", $"a suggestion balances households or reports, not '{RequestGrammar.Shorten(by)}'"),
        };
        var (suggestion, refusal) = BalancedSplit.Split(target.Geometry, k, weights);
        if (refusal is not null)
        {
            throw Unprocessable(refusal);
        }

        var answer = (JsonObject)((IValueHttpResult)await SaveAsync(plan, plan.Tree.Divide(target, suggestion!.Grids), Rules(request), request, dataSource, ct).ConfigureAwait(false)).Value!;
        answer["suggestion"] = new JsonObject
        {
            ["method"] = "recursive bisection across the longer axis at the weighted median",
            ["by"] = by,
            ["k"] = k,
            ["weights"] = new JsonArray(suggestion.Weights.Select(w => (JsonNode)Math.Round(w, 1)).ToArray()),
            ["cv"] = Math.Round(suggestion.CoefficientOfVariation, 3),
            ["compactness"] = new JsonArray(suggestion.Compactness.Select(c => (JsonNode)Math.Round(c, 3)).ToArray()),
        };
        return TypedResults.Json(answer);
    }

    /// <summary>
    /// Moves the shared boundary of two neighbours: <c>{"grids":["A","B"],"line":GeoJSON line}</c> redraws
    /// the edge between them as the line (its ends snapped onto their outline); both change together,
    /// each keeping the side that holds most of what it had, so nothing outside the two moves.
    /// </summary>
    public static async Task<IResult> BoundaryAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var plan = await DraftAsync(id, request, dataSource, ct).ConfigureAwait(false);
        var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
        if (body["grids"] is not JsonArray list || list.Count != 2 || list.Any(n => n?.GetValueKind() != System.Text.Json.JsonValueKind.String))
        {
            throw new ParameterException("grids", "a boundary is between two grids of the plan: {\"grids\":[\"A\",\"B\"],\"line\":…}");
        }

        var (a, b) = (Child(plan, list[0]!.GetValue<string>()), Child(plan, list[1]!.GetValue<string>()));
        var line = GeometryOf(body, "line");
        var rules = Rules(request, body);
        return await SaveAsync(plan, plan.Tree.Boundary(a, b, line, rules.SnapDegrees), rules, request, dataSource, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands a grid (with the grids inside it) to another parent of its parent's level:
    /// <c>{"grid":"X","parent":"Y"}</c>. Both parents' outlines follow, and theirs up to the grid both
    /// share — so the plan must be opened high enough to hold both parents (a district for two towns).
    /// </summary>
    public static async Task<IResult> ReassignAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var plan = await DraftAsync(id, request, dataSource, ct).ConfigureAwait(false);
        var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
        var grid = Child(plan, JsonBodies.Text(body, "grid", 64) ?? throw new ParameterException("grid", "name the grid to hand over"));
        var parent = Child(plan, JsonBodies.Text(body, "parent", 64) ?? throw new ParameterException("parent", "name the grid that takes it"), "parent");
        return await SaveAsync(plan, plan.Tree.Reassign(grid, parent), Rules(request), request, dataSource, ct).ConfigureAwait(false);
    }

    public static async Task<IResult> MergeAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var plan = await DraftAsync(id, request, dataSource, ct).ConfigureAwait(false);
        var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
        if (body["grids"] is not JsonArray list || list.Count < 2 || list.Any(n => n?.GetValueKind() != System.Text.Json.JsonValueKind.String))
        {
            throw new ParameterException("grids", "a merge names two or more grids of the plan: {\"grids\":[\"A\",\"B\"]}");
        }

        var merging = list.Select(n => Child(plan, n!.GetValue<string>())).DistinctBy(c => c.Code).ToList();
        return await SaveAsync(plan, plan.Tree.Merge(merging, JsonBodies.Text(body, "name", 100)), Rules(request), request, dataSource, ct).ConfigureAwait(false);
    }

    public static async Task<IResult> EditAsync(Guid id, string code, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var plan = await DraftAsync(id, request, dataSource, ct).ConfigureAwait(false);
        var body = await JsonBodies.ReadObjectAsync(request, ct).ConfigureAwait(false);
        var child = Child(plan, code);
        var edited = child with
        {
            Name = JsonBodies.Text(body, "name", 100) is { Length: > 0 } n ? n : child.Name,
            Households = Whole(body, "households", 1_000_000) ?? child.Households,
            Population = Whole(body, "population", 10_000_000) ?? child.Population,
        };
        var workers = body["workers"] is { } w ? Workers(w).ToJsonString() : null;
        return await SaveAsync(plan, new PlanTree.Outcome(plan.Grids.Select(c => c.Code == code ? edited : c).ToList(), null), Rules(request), request, dataSource, ct,
            workers is null ? null : (code, workers)).ConfigureAwait(false);
    }

    /// <summary>A whole number from 0 to <paramref name="max"/> the body gives for <paramref name="name"/>, or null when it gives none.</summary>
    private static int? Whole(JsonObject body, string name, int max) => body[name] switch
    {
        null => null,
        var n when n.GetValueKind() == System.Text.Json.JsonValueKind.Number && n.GetValue<double>() is var v && v >= 0 && v <= max && v == Math.Floor(v) => (int)v,
        _ => throw new ParameterException(name, FormattableString.Invariant($"{name} is a whole number from 0 to {max:N0}")),
    };

    /// <summary>
    /// A grid's head and workers as a plan names them: <c>[{"name","role","phone"}]</c>, role 网格长/grid_head
    /// or 网格员/grid_worker (at most one head), a mobile number of 11 digits; at most 50.
    /// </summary>
    private static JsonArray Workers(JsonNode node)
    {
        const string shape = "workers is a list of {\"name\":\"…\",\"role\":\"网格长\" or \"网格员\",\"phone\":\"13812345678\"} (at most 50, one head)";
        if (node is not JsonArray list || list.Count > 50)
        {
            throw new ParameterException("workers", shape);
        }

        var workers = new JsonArray();
        foreach (var item in list)
        {
            if (item is not JsonObject o || JsonBodies.Text(o, "name", 50) is not { Length: > 0 } name || JsonBodies.Text(o, "role", 20) is not { } roleText
                || Core.Domain.DomainLabels.Parse<Core.Domain.WorkerRole>(roleText) is not { } role
                || JsonBodies.Text(o, "phone", 11) is not { } phone || !System.Text.RegularExpressions.Regex.IsMatch(phone, "^1[0-9]{10}$"))
            {
                throw new ParameterException("workers", shape);
            }

            workers.Add(new JsonObject { ["name"] = name, ["role"] = Core.Domain.DomainLabels.Key(role), ["phone"] = phone });
        }

        return workers.Count(x => (string?)x!["role"] == "grid_head") > 1 ? throw new ParameterException("workers", "a grid has one 网格长 (grid_head) at most") : workers;
    }

    public static async Task<IResult> ApplyAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, TileCache cache, CancellationToken ct)
    {
        await DraftAsync(id, request, dataSource, ct, withGrids: false).ConfigureAwait(false);
        var rules = Rules(request);
        var result = await new PlanStore(dataSource).ApplyAsync(id, request.HttpContext.Actor(), (next, now) => next.Check(rules, now), ct).ConfigureAwait(false)
            ?? throw new ProblemException(StatusCodes.Status409Conflict, "the plan was applied or discarded meanwhile", "id");
        if (!result.Applied)
        {
            throw result.Refusal is { } broken
                ? Unprocessable(broken)
                : new ProblemException(StatusCodes.Status409Conflict,
                    $"the grids changed since the plan began: {string.Join("; ", result.Stale.Select(s => $"{s.Code} {s.What}"))}; open a new plan from the map as it is",
                    "id", new Dictionary<string, object?> { ["changed"] = result.Stale.Select(s => new { code = s.Code, what = s.What }).ToList() });
        }

        foreach (var layer in new[] { "grids-1", "grids-2", "grids-3" })
        {
            cache.Invalidate(layer, result.Touched);
        }

        await cache.AcknowledgeAsync(await DataVersion.ReadAsync(dataSource, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return TypedResults.Ok(new { plan = id, status = "applied", reports_moved = result.ReportsMoved, sites_moved = result.SitesMoved });
    }

    /// <summary>A new draft taking an applied plan's grids back to how they were; applied like any plan, so history only grows.</summary>
    public static async Task<IResult> RevertAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var applied = await PlanAsync(id, request, dataSource, ct, withGrids: false).ConfigureAwait(false);
        var store = new PlanStore(dataSource);
        var draft = await store.RevertAsync(id, $"撤销：{applied.Title}", request.HttpContext.Actor(), ct).ConfigureAwait(false)
            ?? throw new ProblemException(StatusCodes.Status409Conflict, "only an applied plan is reverted; discard a draft instead", "id");
        return TypedResults.Created($"{request.Scheme}://{request.Host}/plans/{draft}", State((await store.ReadAsync(draft, ct).ConfigureAwait(false))!));
    }

    public static async Task<IResult> DiscardAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await DraftAsync(id, request, dataSource, ct, withGrids: false).ConfigureAwait(false);
        return await new PlanStore(dataSource).DiscardAsync(id, ct).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : throw new ProblemException(StatusCodes.Status409Conflict, "the plan was applied meanwhile; an applied plan stays as history", "id");
    }

    /// <summary>Keeps an operation's grids when they add no fault to the plan (else 422 naming the rule), and answers the plan's new state.</summary>
    private static async Task<IResult> SaveAsync(PlanStore.Plan plan, PlanTree.Outcome outcome, PlanRules rules, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct,
        (string Code, string Json)? workers = null)
    {
        var grids = outcome.Grids ?? throw Unprocessable(outcome.Refusal!);
        if (new PlanTree(plan.RootGeometry, grids).Check(rules, plan.Tree) is { } broken)
        {
            throw Unprocessable(broken);
        }

        if (!await new PlanStore(dataSource).SaveAsync(plan.Id, plan.Revision, grids, ct, workers).ConfigureAwait(false))
        {
            throw new ProblemException(StatusCodes.Status409Conflict, "the plan changed meanwhile (another edit, or it was applied); read it again", "id");
        }

        var named = workers is { } w ? new Dictionary<string, string>(plan.Workers) { [w.Code] = w.Json } : plan.Workers;
        return TypedResults.Json(State(plan with { Revision = plan.Revision + 1, Grids = grids.OrderBy(c => c.Code, StringComparer.Ordinal).ToList(), Workers = named }));
    }

    private static async Task<PlanStore.Plan> PlanAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct, bool withGrids = true)
    {
        var plan = await new PlanStore(dataSource).ReadAsync(id, ct, withGrids).ConfigureAwait(false)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, $"no plan {id}");
        return request.HttpContext.Actor().Covers(plan.RootArea)
            ? plan
            : throw new ProblemException(StatusCodes.Status403Forbidden, $"{request.HttpContext.Actor().Name} may plan in {string.Join(", ", request.HttpContext.Actor().Areas!)} only; this plan redraws {plan.RootCode} in {plan.RootArea}", "id");
    }

    private static async Task<PlanStore.Plan> DraftAsync(Guid id, HttpRequest request, NpgsqlDataSource dataSource, CancellationToken ct, bool withGrids = true)
    {
        var plan = await PlanAsync(id, request, dataSource, ct, withGrids).ConfigureAwait(false);
        return plan.Status == "draft" ? plan : throw new ProblemException(StatusCodes.Status409Conflict, "the plan is applied; open a new one to change the grids again", "id");
    }

    private static ProblemException? Refusal(HttpRequest request, PlanStore.Plan plan)
    {
        var actor = request.HttpContext.Actor();
        if (!actor.Covers(plan.RootArea))
        {
            return new ProblemException(StatusCodes.Status403Forbidden, $"{actor.Name} may plan in {string.Join(", ", actor.Areas!)} only; {plan.RootCode} lies in {plan.RootArea}", plan.RootKind == "grid" ? "grid" : "area");
        }

        return plan.Grids.Count == 0
            ? new ProblemException(StatusCodes.Status422UnprocessableEntity, $"{plan.RootCode} has no grids inside to redraw", plan.RootKind == "grid" ? "grid" : "area")
            : null;
    }

    private static PlanGrid Child(PlanStore.Plan plan, string code, string parameter = "grid") =>
        plan.Tree.Find(code) ?? throw new ParameterException(parameter, $"the plan has no grid '{RequestGrammar.Shorten(code)}'; its top grids are {string.Join(", ", plan.Children.Select(c => c.Code).Take(20))}");

    private static Geometry GeometryOf(JsonObject body, string name)
    {
        if (body[name] is not JsonObject node)
        {
            throw new ParameterException(name, $"{name} is a GeoJSON geometry (CRS84): a line drawn across the grid, or a polygon");
        }

        Geometry g;
        try
        {
            g = FeatureFiles.ParseGeometry(node.ToJsonString());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or NotSupportedException)
        {
            throw new ParameterException(name, $"{name} cannot be read: {e.Message}");
        }

        return g.IsEmpty || !g.IsValid || Core.Crs.CrsDomain.Check(g, Core.Crs.Crs.Epsg4326) is not null
            ? throw new ParameterException(name, Core.Crs.CrsDomain.Check(g, Core.Crs.Crs.Epsg4326) ?? $"{name} is empty or not a valid geometry")
            : g;
    }

    private static ProblemException Unprocessable(PlanRefusal refusal) =>
        new(StatusCodes.Status422UnprocessableEntity, refusal.Reason, "geometry", new Dictionary<string, object?>
        {
            ["rule"] = refusal.Rule,
            ["at"] = refusal.At is null ? null : JsonNode.Parse(FeatureFiles.GeometryJson(refusal.At)),
        });

    /// <summary>A plan as a GeoJSON FeatureCollection of its children, with the plan's members beside.</summary>
    private static JsonObject State(PlanStore.Plan plan) => new()
    {
        ["type"] = "FeatureCollection",
        ["id"] = plan.Id.ToString(),
        ["title"] = plan.Title,
        ["author"] = plan.Author,
        ["parent"] = plan.RootCode,
        ["root_kind"] = plan.RootKind,
        ["status"] = plan.Status,
        ["revision"] = plan.Revision,
        ["created_at"] = plan.CreatedAt.ToString("O"),
        ["features"] = new JsonArray(plan.Grids.Select(c => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = c.Code,
            ["geometry"] = JsonNode.Parse(FeatureFiles.GeometryJson(c.Geometry)),
            ["properties"] = new JsonObject
            {
                ["code"] = c.Code,
                ["name"] = c.Name,
                ["parent"] = c.Parent ?? plan.RootCode,
                ["workers"] = plan.Workers.TryGetValue(c.Code, out var named) ? JsonNode.Parse(named) : null,
                ["households"] = c.Households,
                ["population"] = c.Population,
                ["area_m2"] = Math.Round(Core.Measure.Geodesic.AreaSquareMetres(c.Geometry)),
                ["compactness"] = Math.Round(GridShapes.PolsbyPopper(c.Geometry), 3),
            },
        }).ToArray()),
    };
}
