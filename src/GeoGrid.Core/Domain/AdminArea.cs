using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Domain;

/// <summary>An administrative area (区/县/市, 乡/镇/街道 or 村/社区) with its GB/T 2260 or 12-digit code.</summary>
public sealed record AdminArea(string Code, string Name, AdminLevel Level, string? ParentCode, Geometry Geometry);
