using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Planning;

/// <summary>Why a plan operation was refused: the rule it breaks (gap, overlap, outside_parent, sliver, needle, multi_part, not_adjacent, no_split …), in words, and the geometry at fault (lon/lat).</summary>
public sealed record PlanRefusal(string Rule, string Reason, Geometry? At);
