using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Domain;

/// <summary>A stretch of a named road under one 路长 (路长制).</summary>
public sealed record RoadSegment(string Code, string RoadName, int Sequence, string DistrictCode, string? ChiefCode, Geometry Geometry);
