using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Domain;

/// <summary>A river centreline (the Yellow River, 黄河) used for the floodplain zones.</summary>
public sealed record River(string Name, Geometry Geometry);
