namespace GeoGrid.Server.Features;

/// <summary>A request parameter GeoGrid cannot accept; becomes a 400 problem naming the parameter.</summary>
public sealed class ParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
