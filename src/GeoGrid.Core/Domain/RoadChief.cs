
namespace GeoGrid.Core.Domain;

/// <summary>A 路长 responsible for road segments.</summary>
public sealed record RoadChief(string Code, string Name, ChiefLevel Level, string Phone);
