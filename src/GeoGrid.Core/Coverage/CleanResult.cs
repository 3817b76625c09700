using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Coverage;

/// <summary>What <see cref="CoverageCleaner"/> produced and what it changed to get there.</summary>
public sealed record CleanResult(IReadOnlyList<Geometry> Polygons, IReadOnlyList<Geometry> DroppedCrumbs, IReadOnlyList<Geometry> RemovedOverlaps, IReadOnlyList<Geometry> FilledGaps);
