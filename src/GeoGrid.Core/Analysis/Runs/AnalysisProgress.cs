namespace GeoGrid.Core.Analysis.Runs;

/// <summary>How far a run is (0–1) and what it is doing, for a job's progress.</summary>
public sealed record AnalysisProgress(double Fraction, string Stage);
