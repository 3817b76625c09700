namespace GeoGrid.Server.Http;

/// <summary>
/// Any refusal with a status of its own (404, 409, 412, 413, 415, 422, 428): thrown by a handler, turned
/// into problem+json by <see cref="ProblemMapping"/>, the one place that writes problems.
/// </summary>
public sealed class ProblemException(int status, string detail, string? parameter = null, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public int Status { get; } = status;

    public string? Parameter { get; } = parameter;

    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}
