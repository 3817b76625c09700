using System.Text.Json.Nodes;

namespace GeoGrid.Storage.Analysis;

/// <summary>A queued, running or finished analysis run as stored in <c>analysis_jobs</c>.</summary>
public sealed record AnalysisJob(
    Guid Id,
    string Analysis,
    JsonObject Parameters,
    long DataVersion,
    string Status,
    double Progress,
    string Stage,
    JsonObject? Error,
    JsonObject? Summary,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
