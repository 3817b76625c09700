namespace GeoGrid.Server.Styles;

/// <summary>
/// The MapLibre style of the GeoGrid map: every tile layer drawn from the composite tileset, zh-CN
/// labels. It needs no internet: tiles and glyph ranges come from this server, and MapLibre draws
/// CJK labels with the browser's own font (<c>localIdeographFontFamily</c>).
/// </summary>
public static class StyleJson
{
    public const string Font = "Noto Sans CJK SC Regular";

    public static Dictionary<string, object> Build(string baseUrl) => new()
    {
        ["version"] = 8,
        ["name"] = "GeoGrid 网格地图",
        ["center"] = new[] { 113.65, 34.76 },
        ["zoom"] = 9,
        ["glyphs"] = $"{baseUrl}/fonts/{{fontstack}}/{{range}}.pbf",
        ["sources"] = new Dictionary<string, object>
        {
            ["geogrid"] = new Dictionary<string, object> { ["type"] = "vector", ["url"] = $"{baseUrl}/tiles/geogrid.json" },
        },
        ["layers"] = new object[]
        {
            new Dictionary<string, object> { ["id"] = "background", ["type"] = "background", ["paint"] = new Dictionary<string, object> { ["background-color"] = "#f4f1ea" } },
            Fill("floodplain-zones", "floodplain-zones", new object[] { "match", new[] { "get", "kind" }, "nentan", "#9ecae1", "ertan", "#c6dbef", "#deebf7" }, 0.7),
            Line("rivers", "rivers", "#3182bd", 3),
            Fill("grids-3-fill", "grids-3", "#fdd0a2", 0.25),
            Line("grids-3", "grids-3", "#e6550d", 0.5),
            Line("grids-2", "grids-2", "#a63603", 1),
            Line("grids-1", "grids-1", "#7f2704", 1.5),
            Line("districts", "districts", "#54278f", 2.5),
            Line("road-segments", "road-segments", new object[] { "case", new object[] { "has", "chief" }, "#31a354", "#de2d26" }, 3),
            Circle("duty-units", "duty-units", "#756bb1", 3),
            Circle("reports", "reports", new object[] { "match", new[] { "get", "status" }, "closed", "#969696", "#fd8d3c" }, 3),
            Circle("sites", "sites", new object[] { "match", new[] { "get", "status" }, "accepted", "#74c476", "#cb181d" }, 5),
            Label("district-labels", "districts", 14),
            Label("town-labels", "towns", 12),
        },
    };

    private static Dictionary<string, object> Base(string id, string sourceLayer, string type) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["source"] = "geogrid",
        ["source-layer"] = sourceLayer,
    };

    private static Dictionary<string, object> Fill(string id, string layer, object color, double opacity)
    {
        var l = Base(id, layer, "fill");
        l["paint"] = new Dictionary<string, object> { ["fill-color"] = color, ["fill-opacity"] = opacity };
        return l;
    }

    private static Dictionary<string, object> Line(string id, string layer, object color, double width)
    {
        var l = Base(id, layer, "line");
        l["paint"] = new Dictionary<string, object> { ["line-color"] = color, ["line-width"] = width };
        return l;
    }

    private static Dictionary<string, object> Circle(string id, string layer, object color, double radius)
    {
        var l = Base(id, layer, "circle");
        l["paint"] = new Dictionary<string, object> { ["circle-color"] = color, ["circle-radius"] = radius, ["circle-stroke-color"] = "#ffffff", ["circle-stroke-width"] = 1 };
        return l;
    }

    private static Dictionary<string, object> Label(string id, string layer, double size)
    {
        var l = Base(id, layer, "symbol");
        l["layout"] = new Dictionary<string, object> { ["text-field"] = new[] { "get", "name" }, ["text-font"] = new[] { Font }, ["text-size"] = size };
        l["paint"] = new Dictionary<string, object> { ["text-color"] = "#333333", ["text-halo-color"] = "#ffffff", ["text-halo-width"] = 1.5 };
        return l;
    }
}
