namespace GeoGrid.Server.Http;

/// <summary>A request parameter GeoGrid cannot accept; <see cref="ProblemMapping"/> makes it a 400
/// problem naming the parameter.</summary>
public sealed class ParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
