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
        ["layers"] = new object[] { new Dictionary<string, object> { ["id"] = "background", ["type"] = "background", ["paint"] = new Dictionary<string, object> { ["background-color"] = MapStyle.Background } } }
            .Concat(MapStyle.Layers.Select(Layer)).ToArray(),
    };

    private static Dictionary<string, object> Layer(StyleLayer l)
    {
        var layer = new Dictionary<string, object> { ["id"] = l.Id, ["source"] = "geogrid", ["source-layer"] = l.SourceLayer };
        // Which collection the layer shows (its tileset): a viewer's switch for 随手拍 turns the per-grid counts off with the reports.
        if (GeoGrid.Storage.Tiles.TileCatalog.Layers.FirstOrDefault(t => t.Id == l.SourceLayer) is { } tileLayer)
        {
            layer["metadata"] = new Dictionary<string, object> { ["geogrid:collection"] = tileLayer.Tileset };
        }

        var color = l.Color.ToExpression();
        if (l.MinZoom > 0) layer["minzoom"] = l.MinZoom;
        if (l.MaxZoom < 24) layer["maxzoom"] = l.MaxZoom;
        if (l.Geometry is { } geometry) layer["filter"] = new object[] { "==", new[] { "geometry-type" }, geometry.ToString() };
        switch (l.Kind)
        {
            case StyleLayerKind.Fill:
                layer["type"] = "fill";
                layer["paint"] = new Dictionary<string, object> { ["fill-color"] = color, ["fill-opacity"] = l.Opacity };
                break;
            case StyleLayerKind.Line:
                layer["type"] = "line";
                layer["paint"] = new Dictionary<string, object> { ["line-color"] = color, ["line-width"] = l.Size };
                break;
            case StyleLayerKind.Circle:
                layer["type"] = "circle";
                layer["paint"] = new Dictionary<string, object> { ["circle-color"] = color, ["circle-radius"] = l.Size, ["circle-stroke-color"] = "#ffffff", ["circle-stroke-width"] = 1 };
                break;
            default:
                layer["type"] = "symbol";
                layer["layout"] = new Dictionary<string, object> { ["text-field"] = new[] { "get", "name" }, ["text-font"] = new[] { Font }, ["text-size"] = l.Size };
                layer["paint"] = new Dictionary<string, object> { ["text-color"] = color, ["text-halo-color"] = "#ffffff", ["text-halo-width"] = 1.5 };
                break;
        }

        return layer;
    }
}
