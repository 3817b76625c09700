using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Roads;

/// <summary>A 门前四包 unit and the segment it is assigned to; location in longitude/latitude.</summary>
public sealed record DutyUnitInput(string Code, string Name, string Segment, Point Location);
