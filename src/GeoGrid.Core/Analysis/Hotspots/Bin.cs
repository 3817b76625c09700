using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>One cell of a hexagonal or square tessellation, in projected metres, with how many
/// incidents fell in it and (for space-time cubes) per time step.</summary>
public sealed record Bin(string Key, Coordinate Centre, Polygon Polygon, int Count, int[] CountByStep);
