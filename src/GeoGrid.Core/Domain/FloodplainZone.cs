using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Domain;

/// <summary>A Yellow River floodplain zone (嫩滩/二滩/高滩) with the rules that apply in it.</summary>
public sealed record FloodplainZone(FloodplainZoneKind Kind, string Name, string Rules, Geometry Geometry);
