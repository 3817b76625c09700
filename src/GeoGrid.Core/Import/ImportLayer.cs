namespace GeoGrid.Core.Import;

/// <summary>The layers a file can be imported into, with the geometry types and attributes each takes.</summary>
public sealed record ImportLayer(string Name, IReadOnlyList<string> GeometryTypes, IReadOnlyList<string> Required, IReadOnlyDictionary<string, Type> Enums)
{
    public static readonly ImportLayer Sites = new("sites", ["Point", "Polygon"], ["category", "description"], new Dictionary<string, Type> { ["category"] = typeof(Domain.SiteCategory), ["status"] = typeof(Domain.SiteStatus) });
    public static readonly ImportLayer Reports = new("reports", ["Point"], ["category", "text"], new Dictionary<string, Type> { ["category"] = typeof(Domain.ReportCategory), ["status"] = typeof(Domain.ReportStatus) });
    public static readonly ImportLayer DutyUnits = new("duty_units", ["Point"], ["name", "segment_code"], new Dictionary<string, Type>());
    public static readonly ImportLayer RoadSegments = new("road_segments", ["LineString"], ["road_name"], new Dictionary<string, Type>());
    public static readonly ImportLayer Grids = new("grids", ["Polygon", "MultiPolygon"], ["code", "name", "level"], new Dictionary<string, Type>());

    public static IReadOnlyList<ImportLayer> All { get; } = [Sites, Reports, DutyUnits, RoadSegments, Grids];

    public static ImportLayer? Find(string name) => All.FirstOrDefault(l => l.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
