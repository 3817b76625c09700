using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using GeoGrid.Storage.Catalog;
using Npgsql;

namespace GeoGrid.Server.Health;

/// <summary><c>/health</c>: is the database reachable, PostGIS there and the schema current.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealthAsync).WithName("health");
        return app;
    }

    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealthAsync(NpgsqlDataSource dataSource, HttpResponse response, CancellationToken cancellationToken)
    {
        try
        {
            var (postgis, schema) = await DatabaseHealth.ReadAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new HealthReport("ok", postgis, schema, null));
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // Npgsql's message names the host and port; a public endpoint says only what is wrong.
            response.Headers.RetryAfter = Http.DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var reason = e is PostgresException p ? $"PostgreSQL refused: {p.SqlState}" : "the database is not reachable";
            return TypedResults.Json(new HealthReport("unavailable", null, null, reason), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
