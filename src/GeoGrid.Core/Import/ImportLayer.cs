namespace GeoGrid.Core.Import;

/// <summary>The layers a file can be imported into, with the geometry types and attributes each takes.</summary>
public sealed record ImportLayer(string Name, IReadOnlyList<string> GeometryTypes, IReadOnlyList<string> Required, IReadOnlyList<string> Optional, IReadOnlyDictionary<string, Type> Enums)
{
    public static readonly ImportLayer Sites = new("sites", ["Point", "Polygon"], ["category", "description"], ["code", "status", "found_at"], new Dictionary<string, Type> { ["category"] = typeof(Domain.SiteCategory), ["status"] = typeof(Domain.SiteStatus) });
    public static readonly ImportLayer Reports = new("reports", ["Point"], ["category", "text"], ["code", "status", "created_at"], new Dictionary<string, Type> { ["category"] = typeof(Domain.ReportCategory), ["status"] = typeof(Domain.ReportStatus) });
    public static readonly ImportLayer DutyUnits = new("duty_units", ["Point"], ["name", "segment_code"], ["code", "kind"], new Dictionary<string, Type>());
    public static readonly ImportLayer RoadSegments = new("road_segments", ["LineString"], ["road_name"], ["code", "seq", "chief_code"], new Dictionary<string, Type>());
    public static readonly ImportLayer Grids = new("grids", ["Polygon", "MultiPolygon"], ["code", "name", "level"], ["parent_code", "area_code", "households"], new Dictionary<string, Type>());

    public static IReadOnlyList<ImportLayer> All { get; } = [Sites, Reports, DutyUnits, RoadSegments, Grids];

    /// <summary>Every attribute the layer reads, required or not.</summary>
    public IEnumerable<string> Attributes => Required.Concat(Optional);

    /// <summary>Restores attribute names a Shapefile's DBF cut to 10 characters ("descriptio" → "description").</summary>
    public FeatureRecord Normalise(FeatureRecord feature)
    {
        var properties = new Dictionary<string, object?>(feature.Properties);
        foreach (var name in Attributes.Where(a => a.Length > 10 && !properties.ContainsKey(a)))
        {
            if (properties.Remove(name[..10], out var value))
            {
                properties[name] = value;
            }
        }

        return feature with { Properties = properties };
    }

    public static ImportLayer? Find(string name) => All.FirstOrDefault(l => l.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
