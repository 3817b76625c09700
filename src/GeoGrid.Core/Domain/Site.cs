using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Domain;

/// <summary>A floodplain 四乱 violation site (乱占/乱采/乱堆/乱建): a point or a polygon.</summary>
public sealed record Site(string Code, SiteCategory Category, string Description, Geometry Geometry, IReadOnlyList<SiteEvent> Events);
