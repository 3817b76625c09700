using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Domain;

/// <summary>A 随手拍 report by a citizen or grid worker: a point, a category and a text.</summary>
public sealed record Report(string Code, ReportCategory Category, string Text, Geometry Geometry, IReadOnlyList<ReportEvent> Events);
