using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Roads;

/// <summary>A 路长制 segment as the road-coverage check sees it: geometry in longitude/latitude.</summary>
public sealed record RoadSegmentInput(string Code, string Road, int Seq, string? District, string? Street, string? Chief, LineString Geometry);
