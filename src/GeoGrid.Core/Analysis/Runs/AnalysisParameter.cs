namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// One parameter of an analysis: its name (kebab-case, the same as CLI option and HTTP query
/// parameter), what it means, its default as text (null: none, or chosen from the data), and what a
/// value must be. The constraint lives here only: <see cref="ParameterValues"/> reads values through
/// it, and checks all of them before any work starts.
/// </summary>
public sealed record AnalysisParameter(string Name, string Description, string? Default = null)
{
    public ParameterKind Kind { get; init; } = ParameterKind.Text;

    /// <summary>The smallest value allowed (numbers: inclusive unless <see cref="Positive"/>).</summary>
    public double Min { get; init; } = double.MinValue;

    public double Max { get; init; } = double.MaxValue;

    /// <summary>Numbers must be greater than 0 (a distance, a size).</summary>
    public bool Positive { get; init; }

    public string? Unit { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];

    public static AnalysisParameter Number(string name, string description, string? defaultValue = null, bool positive = true, double min = 0, string unit = "m") =>
        new(name, description, defaultValue) { Kind = ParameterKind.Number, Positive = positive, Min = min, Unit = unit };

    public static AnalysisParameter Integer(string name, string description, string? defaultValue, int min, int max) =>
        new(name, description, defaultValue) { Kind = ParameterKind.Integer, Min = min, Max = max };

    public static AnalysisParameter Boolean(string name, string description, string defaultValue = "false") =>
        new(name, description, defaultValue) { Kind = ParameterKind.Boolean };

    public static AnalysisParameter Choice(string name, string description, string defaultValue, params string[] choices) =>
        new(name, description, defaultValue) { Kind = ParameterKind.Choice, Choices = choices };
}
