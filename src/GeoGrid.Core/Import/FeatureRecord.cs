using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Import;

/// <summary>One feature read from a file: its 1-based number in the file, geometry and properties.</summary>
public sealed record FeatureRecord(int Number, Geometry? Geometry, IReadOnlyDictionary<string, object?> Properties);
