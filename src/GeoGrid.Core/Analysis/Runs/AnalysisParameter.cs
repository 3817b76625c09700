namespace GeoGrid.Core.Analysis.Runs;

/// <summary>One parameter of an analysis: its name (kebab-case, the same as CLI option and HTTP query
/// parameter), what it means, and its default as text (null: none, or chosen from the data).</summary>
public sealed record AnalysisParameter(string Name, string Description, string? Default = null);
