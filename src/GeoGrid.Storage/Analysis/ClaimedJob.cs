using System.Text.Json.Nodes;

namespace GeoGrid.Storage.Analysis;

/// <summary>A job a server has just claimed: what to run (the analysis and its request's query).</summary>
public sealed record ClaimedJob(Guid Id, string Analysis, JsonObject Request);
