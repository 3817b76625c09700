using System.Text.Json;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Storage.Collections.Cql;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GeoGrid.Server.Http;

/// <summary>
/// The one mapping from what a request can throw to its answer: refusals with the parameter at fault
/// (400), <see cref="ProblemException"/> with its own status, a unique-key clash (409), bodies too large
/// (413), a database that is away or overloaded (503 with <c>Retry-After</c>, logged once per outage), a
/// client that left (nothing written, nothing logged). WMS and WMTS clients get the OWS exception XML
/// they understand instead of problem+json. Anything else is a bug: logged with its stack trace and
/// answered 500 without internals. A response already under way is aborted, never left looking complete.
/// </summary>
public sealed class ProblemMapping(DatabaseOutage outage, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
            context.Response.StatusCode = 499;
            return true;
        }

        var (status, detail, parameter, extensions) = Map(exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            outage.Report(exception);
        }
        else if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        if (context.Response.HasStarted)
        {
            // Half a GeoJSON document must not look like a whole one to the client.
            context.Abort();
            return true;
        }

        // Headers a handler set before it refused (an ETag with a 412) stay; the body is the problem's.
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (OwsExceptions.Wanted(context.Request))
        {
            await OwsExceptions.WriteAsync(context, status, parameter, detail).ConfigureAwait(false);
            return true;
        }

        if (Intake.Open311Api.Wanted(context.Request))
        {
            await Intake.Open311Api.WriteErrorAsync(context, status, parameter is null ? detail : $"{parameter}: {detail}").ConfigureAwait(false);
            return true;
        }

        await Problems.Of(status, detail, parameter, extensions).ExecuteAsync(context).ConfigureAwait(false);
        return true;
    }

    public static (int Status, string Detail, string? Parameter, IReadOnlyDictionary<string, object?>? Extensions) Map(Exception e) => e switch
    {
        ProblemException p => (p.Status, p.Message, p.Parameter, p.Extensions),
        ParameterException p => (400, p.Message, p.Parameter, null),
        AnalysisParameterException a => (400, $"{a.Parameter}: {a.Message}", a.Parameter, null),
        CqlException c => (400, c.Message, "filter", null),
        BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge => (413, "the request body is larger than this endpoint takes", "body", null),
        BadHttpRequestException b => (b.StatusCode, b.Message, null, null),
        JsonException j => (400, $"the body is not valid JSON: {j.Message}", "body", null),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p => (409, $"a feature with that {Column(p)} exists already", Column(p), null),
        _ when DatabaseOutage.IsOutage(e) => (503, e.GetBaseException() is TimeoutException || e is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }
            ? "the database did not answer in time; try again shortly"
            : "the database is not reachable right now; try again shortly", null, null),
        _ => (500, "GeoGrid failed on this request; the error is logged", null, null),
    };

    // The constraint names a column as table_column_key; clients know the column.
    private static string Column(PostgresException p) => p.ColumnName ?? p.ConstraintName?.Split('_').Reverse().Skip(1).FirstOrDefault() ?? "key";
}
