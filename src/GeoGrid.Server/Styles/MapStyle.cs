namespace GeoGrid.Server.Styles;

/// <summary>The GeoGrid map, bottom to top: the single definition behind the MapLibre style JSON and
/// the raster tiles.</summary>
public static class MapStyle
{
    public const string Background = "#f4f1ea";

    private static readonly Dictionary<string, string> s_zones = new() { ["nentan"] = "#9ecae1", ["ertan"] = "#c6dbef" };
    private static readonly Dictionary<string, string> s_reports = new() { ["closed"] = "#969696" };
    private static readonly Dictionary<string, string> s_sites = new() { ["accepted"] = "#74c476" };

    // Labels: districts and towns at every zoom their tiles have, villages and 二级 grids once a town
    // fills the screen, 三级 grids at street level. MapLibre drops labels that would collide.
    public static IReadOnlyList<StyleLayer> Layers { get; } =
    [
        new("floodplain-zones", "floodplain-zones", StyleLayerKind.Fill, new("#deebf7", "kind", s_zones), Opacity: 0.7),
        new("rivers", "rivers", StyleLayerKind.Line, new("#3182bd"), 3),
        new("grids-3-fill", "grids-3", StyleLayerKind.Fill, new("#fdd0a2"), Opacity: 0.25),
        new("villages", "villages", StyleLayerKind.Line, new("#9e9ac8"), 0.75, MinZoom: 12),
        new("grids-3", "grids-3", StyleLayerKind.Line, new("#e6550d"), 0.5),
        new("grids-2", "grids-2", StyleLayerKind.Line, new("#a63603"), 1),
        new("grids-1", "grids-1", StyleLayerKind.Line, new("#7f2704"), 1.5),
        new("districts", "districts", StyleLayerKind.Line, new("#54278f"), 2.5),
        // Green where the segment has a road chief, red where it has none.
        new("road-segments", "road-segments", StyleLayerKind.Line, new("#de2d26", "chief", WhenPresent: "#31a354"), 3),
        new("duty-units", "duty-units", StyleLayerKind.Circle, new("#756bb1"), 3),
        new("reports", "reports", StyleLayerKind.Circle, new("#fd8d3c", "status", s_reports), 3),
        // Below z12, reports counted per grid (towns, then villages), each count written beside its point.
        new("report-counts-1", "report-counts-1", StyleLayerKind.Circle, new("#fd8d3c"), 6, Opacity: 0.8),
        new("report-counts-2", "report-counts-2", StyleLayerKind.Circle, new("#fd8d3c"), 4, Opacity: 0.8),
        // A 四乱 site is a point or the polygon of what was occupied, built or piled: areas are filled.
        new("sites-area", "sites", StyleLayerKind.Fill, new("#cb181d", "status", s_sites), Opacity: 0.45, Geometry: StyleGeometry.Polygon),
        new("sites-outline", "sites", StyleLayerKind.Line, new("#cb181d", "status", s_sites), 1.5, Geometry: StyleGeometry.Polygon),
        new("sites", "sites", StyleLayerKind.Circle, new("#cb181d", "status", s_sites), 5, Geometry: StyleGeometry.Point),
        // Report counts first among the labels: MapLibre places later layers' labels first, and place names
        // must win where they collide.
        new("report-count-1-labels", "report-counts-1", StyleLayerKind.Label, new("#a63603"), 11),
        new("report-count-2-labels", "report-counts-2", StyleLayerKind.Label, new("#a63603"), 10),
        new("district-labels", "districts-labels", StyleLayerKind.Label, new("#333333"), 14),
        new("town-labels", "towns-labels", StyleLayerKind.Label, new("#333333"), 12),
        new("village-labels", "villages-labels", StyleLayerKind.Label, new("#6a51a3"), 11, MinZoom: 13),
        new("grid-2-labels", "grids-2-labels", StyleLayerKind.Label, new("#a63603"), 11, MinZoom: 13, MaxZoom: 15),
        new("grid-3-labels", "grids-3-labels", StyleLayerKind.Label, new("#e6550d"), 11, MinZoom: 15),
    ];

    /// <summary>What the raster renderer reads of a feature: its name for labels, and the properties colours depend on.</summary>
    public static IReadOnlyList<string> DrawnProperties { get; } =
        Layers.Select(l => l.Color.Property).OfType<string>().Append("name").Distinct().ToList();
}
