using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Demo;

/// <summary>A district polygon as published, in longitude/latitude, possibly invalid.</summary>
public sealed record DistrictSource(string Code, string Name, Geometry Geometry);
