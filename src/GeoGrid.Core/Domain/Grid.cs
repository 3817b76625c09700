using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Domain;

/// <summary>A 网格 at level 1 (town/street), 2 (village/community) or 3 (block or villager group, 一组一网格).</summary>
public sealed record Grid(string Code, string Name, int Level, string? ParentCode, string AreaCode, int Households, Geometry Geometry);
