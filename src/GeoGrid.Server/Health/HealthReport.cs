namespace GeoGrid.Server.Health;

/// <summary>The answer of <c>/health</c>.</summary>
public sealed record HealthReport(string Status, string? PostGis, int? SchemaVersion, string? Error);
