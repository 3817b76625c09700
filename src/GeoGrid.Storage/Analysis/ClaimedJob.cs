using System.Text.Json.Nodes;

namespace GeoGrid.Storage.Analysis;

/// <summary>A job a server has just claimed: what to run (the analysis and its request's query) and how
/// many times it has been claimed, this time included.</summary>
public sealed record ClaimedJob(Guid Id, string Analysis, JsonObject Request, int Attempt);
