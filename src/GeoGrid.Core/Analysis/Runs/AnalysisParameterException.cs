namespace GeoGrid.Core.Analysis.Runs;

/// <summary>A parameter an analysis cannot run with; <see cref="Parameter"/> is its public name
/// (<c>bin-size</c>), which the CLI prints as <c>--bin-size</c> and HTTP puts in problem+json.</summary>
public sealed class AnalysisParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
