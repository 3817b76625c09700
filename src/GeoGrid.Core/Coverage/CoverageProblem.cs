using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Coverage;

/// <summary>One coverage problem: its kind, exact geometry (lon/lat), geodesic area and the grids involved.</summary>
public sealed record CoverageProblem(CoverageProblemKind Kind, Geometry Geometry, double AreaSquareMetres, IReadOnlyList<string> Grids);
