using System.Text.Json.Nodes;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Core.Crs;
using GeoGrid.Server.Access;
using GeoGrid.Server.Http;
using GeoGrid.Storage.Analysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GeoGrid.Server.Analysis;

/// <summary>
/// <c>/analyses</c>: every analysis of <see cref="AnalysisCatalog"/> run now (<c>GET /analyses/NAME</c>)
/// or as a job (<c>POST /analyses/NAME/jobs</c> → <c>/jobs/ID</c> with progress, <c>/jobs/ID/result</c>),
/// the responsibility lookup and kernel-density raster tiles. Results are GeoJSON with their
/// parameters and data version.
/// </summary>
public static class AnalysesApi
{
    public static IEndpointRouteBuilder MapAnalysesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/analyses", List).WithTags("Analyses").WithSummary("The analyses and their parameters");
        app.MapGet("/analyses/responsibility", ResponsibilityApi.GetAsync).WithTags("Analyses").WithSummary("Who is responsible at a point (lon, lat) or in a box (bbox)");
        app.MapPost("/analyses/responsibility", ResponsibilityApi.PostAsync).AcceptJsonOnly().WithTags("Analyses").WithSummary("Who is responsible for a GeoJSON geometry");
        app.MapGet("/analyses/density/{z:int}/{x:int}/{y:int}.png", DensityTilesApi.GetAsync).WithTags("Analyses").WithSummary("Kernel density of reports or sites as a raster tile");
        app.MapGet("/analyses/{name}", RunAsync).WithTags("Analyses").WithSummary("Run an analysis and answer with its result");
        app.MapPost("/analyses/{name}/jobs", SubmitAsync).RequireAuthorization(Policies.RunJobs).WithTags("Analyses").WithSummary("Run an analysis as a job");
        app.MapGet("/jobs/{id:guid}", JobAsync).RequireAuthorization(Policies.RunJobs).WithTags("Analyses").WithSummary("A job's status and progress");
        app.MapDelete("/jobs/{id:guid}", DeleteJobAsync).RequireAuthorization(Policies.RunJobs).WithTags("Analyses").WithSummary("Cancel an unfinished job, or delete a finished one and its result");
        app.MapGet("/jobs/{id:guid}/result", JobResultAsync).RequireAuthorization(Policies.RunJobs).WithTags("Analyses").WithSummary("A finished job's result (GeoJSON)");
        return app;
    }

    private static JsonObject List(HttpRequest request)
    {
        var root = $"{request.Scheme}://{request.Host}";
        JsonArray Parameters(IEnumerable<AnalysisParameter> ps) => new(ps.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["description"] = p.Description, ["default"] = p.Default }).ToArray());
        return new JsonObject
        {
            ["analyses"] = new JsonArray(AnalysisCatalog.All.Select(a => (JsonNode)new JsonObject
            {
                ["name"] = a.Name,
                ["title"] = a.Title,
                ["input"] = a.InputDescription,
                ["parameters"] = Parameters(a.Parameters),
                ["links"] = new JsonArray(
                    new JsonObject { ["rel"] = "run", ["href"] = $"{root}/analyses/{a.Name}", ["method"] = "GET" },
                    new JsonObject { ["rel"] = "job", ["href"] = $"{root}/analyses/{a.Name}/jobs", ["method"] = "POST" }),
            }).ToArray()),
            ["input_parameters"] = Parameters(AnalysisRequest.SourceParameters),
            ["links"] = new JsonArray(
                new JsonObject { ["rel"] = "responsibility", ["href"] = $"{root}/analyses/responsibility?lon=113.5&lat=34.9" },
                new JsonObject { ["rel"] = "density-tiles", ["href"] = $"{root}/analyses/density/{{z}}/{{x}}/{{y}}.png" }),
        };
    }

    private static async Task<IResult> RunAsync(string name, HttpContext context, AnalysisSources sources, CancellationToken ct)
    {
        if (AnalysisCatalog.Find(name) is not { } analysis)
        {
            return NoSuchAnalysis(name);
        }

        {
            var request = AnalysisRequest.Parse(analysis, context.Request.Query);
            var version = await sources.DataVersionAsync(ct).ConfigureAwait(false);
            var input = await AnalysisInputs.LoadAsync(request, sources, ct).ConfigureAwait(false) with { Budget = WorkBudget.Request };
            var output = await Task.Run(() => analysis.Run(input, request.Values, null, ct), ct).ConfigureAwait(false);
            if (context.Request.Query["f"] == "asc")
            {
                if (output.Grid is null)
                {
                    throw new AnalysisParameterException("f", "only the density analysis has a grid (f=asc)");
                }

                var text = new StringWriter();
                output.Grid.WriteAscii(text);
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.asc\"";
                return TypedResults.Text(text.ToString(), "text/plain");
            }

            var body = new MemoryStream();
            AnalysisResults.Write(body, request, output, version);
            return TypedResults.Bytes(body.ToArray(), "application/geo+json");
        }
    }

    private static async Task<IResult> SubmitAsync(string name, HttpContext context, AnalysisJobs jobs, CancellationToken ct)
    {
        if (AnalysisCatalog.Find(name) is not { } analysis)
        {
            return NoSuchAnalysis(name);
        }

        var request = AnalysisRequest.Parse(analysis, context.Request.Query);
        var id = await jobs.SubmitAsync(request, ct).ConfigureAwait(false);
        return TypedResults.Accepted($"/jobs/{id}", new JsonObject { ["id"] = id.ToString(), ["status"] = "queued", ["links"] = JobLinks(id) });
    }

    private static async Task<IResult> JobAsync(Guid id, AnalysisJobStore store, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct).ConfigureAwait(false) is not { } job)
        {
            return NoSuchJob(id);
        }

        return TypedResults.Json(new JsonObject
        {
            ["id"] = job.Id.ToString(),
            ["analysis"] = job.Analysis,
            ["status"] = job.Status,
            ["progress"] = Math.Round(job.Progress, 3),
            ["stage"] = job.Stage,
            ["parameters"] = job.Parameters,
            ["data_version"] = job.DataVersion,
            ["created_at"] = job.CreatedAt,
            ["finished_at"] = job.FinishedAt,
            ["summary"] = job.Summary,
            ["error"] = job.Error,
            ["links"] = JobLinks(id),
        });
    }

    private static async Task<IResult> DeleteJobAsync(Guid id, AnalysisJobs jobs, AnalysisJobStore store, CancellationToken ct)
    {
        if (await jobs.CancelAsync(id, ct).ConfigureAwait(false))
        {
            return await JobAsync(id, store, ct).ConfigureAwait(false);
        }

        return await store.DeleteAsync(id, ct).ConfigureAwait(false) ? TypedResults.NoContent() : NoSuchJob(id);
    }

    private static async Task<IResult> JobResultAsync(Guid id, AnalysisJobStore store, CancellationToken ct)
    {
        if (await store.ResultAsync(id, ct).ConfigureAwait(false) is { } result)
        {
            return TypedResults.Text(result, "application/geo+json");
        }

        return await store.GetAsync(id, ct).ConfigureAwait(false) is { } job
            ? Problems.Of(StatusCodes.Status409Conflict, $"job {id} is {job.Status}; its result is there once it has succeeded")
            : NoSuchJob(id);
    }

    private static JsonArray JobLinks(Guid id) => new(
        new JsonObject { ["rel"] = "status", ["href"] = $"/jobs/{id}" },
        new JsonObject { ["rel"] = "result", ["href"] = $"/jobs/{id}/result", ["type"] = "application/geo+json" });


    private static ProblemHttpResult NoSuchAnalysis(string name) =>
        Problems.NotFound($"no analysis '{RequestGrammar.Shorten(name)}'; see /analyses");

    private static ProblemHttpResult NoSuchJob(Guid id) => Problems.NotFound($"no job {id}");

    /// <summary>Reads a CRS parameter for coordinates users send (lon/lat by default).</summary>
    public static Crs CrsParameter(HttpRequest request, string name = "crs")
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return Crs.Epsg4326;
        }

        return CrsNames.TryParse(text, out var crs) ? crs.Value : throw new AnalysisParameterException(name, $"unsupported CRS '{text}'; use EPSG:4326, 4490, 4547, 3857 or GCJ02");
    }
}
