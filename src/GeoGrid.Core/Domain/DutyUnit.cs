using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Domain;

/// <summary>A shop or unit that signed the 门前四包 pledge for the pavement in front of it on a road segment.</summary>
public sealed record DutyUnit(string Code, string Name, string Kind, string SegmentCode, Geometry Geometry);
