using NetTopologySuite.Geometries;

namespace GeoGrid.Storage.Analysis;

/// <summary>Which rows an analysis reads: a category, a time window [From, To) and an area polygon, each optional.</summary>
public sealed record IncidentFilter(string? Category = null, DateTimeOffset? From = null, DateTimeOffset? To = null, Geometry? Area = null);
