using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Planning;

/// <summary>
/// A grid as a plan draws it (lon/lat, EPSG:4490): its code, name, households, outline, and the code of
/// its parent inside the plan — null when its parent is the plan's root (the grid or area the plan was
/// opened on) — and its population when known.
/// </summary>
public sealed record PlanGrid(string Code, string Name, int Households, Polygon Geometry, string? Parent = null, int? Population = null);
