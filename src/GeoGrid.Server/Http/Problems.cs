using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GeoGrid.Server.Http;

/// <summary>
/// The one builder of RFC 7807 problem details: handlers that answer a problem as a typed result and
/// <see cref="ProblemMapping"/> (for everything thrown) both come here, so every problem has the same
/// members: <c>title</c> from the status, <c>detail</c>, and <c>parameter</c> naming the field at fault.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, string detail, string? parameter = null, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var members = new Dictionary<string, object?>();
        if (parameter is not null)
        {
            members["parameter"] = parameter;
        }

        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            members[key] = value;
        }

        return TypedResults.Problem(detail, statusCode: status, title: Title(status), extensions: members);
    }

    /// <summary>Writes a problem straight to a response, for middleware that answers before any endpoint (access, rate limits).</summary>
    public static Task WriteAsync(HttpContext context, int status, string detail, string? parameter = null) => Of(status, detail, parameter).ExecuteAsync(context);

    public static ProblemHttpResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult BadParameter(string parameter, string detail) => Of(StatusCodes.Status400BadRequest, detail, parameter);

    private static string Title(int status) => status switch
    {
        400 => "Invalid request",
        401 => "Sign-in required",
        403 => "Not allowed",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        412 => "Precondition failed",
        413 => "Request too large",
        415 => "Unsupported media type",
        422 => "Refused",
        428 => "Precondition required",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Error",
    };
}
