using GeoGrid.Storage.Collections;

namespace GeoGrid.Storage.Tiles;

/// <summary>
/// The vector tilesets: one per layer, and <c>geogrid</c>, the composite of all. Zoom ranges are chosen
/// per layer so that a tile stays small without dropping features: 三级 grids from z11 (a z11 tile is
/// ~20 km wide and holds at most a few hundred), duty units and reports from z12.
/// </summary>
public static class TileCatalog
{
    public const string Composite = "geogrid";
    public const int MaxZoom = 18;

    private static TileLayer L(string id, int minZoom, string idExpression, params string[] properties) =>
        new(CollectionCatalog.Find(id) ?? throw new InvalidOperationException(id), minZoom, MaxZoom, idExpression, properties);

    // Polygons and lines: drawn from per-zoom generalised shapes.
    private static TileLayer G(string id, int minZoom, string idExpression, params string[] properties) =>
        L(id, minZoom, idExpression, properties) with { Generalised = true };

    // Polygons that form a coverage (one level of areas or grids, the floodplain's three zones): generalised as one.
    private static TileLayer C(string id, int minZoom, string idExpression, params string[] properties) =>
        G(id, minZoom, idExpression, properties) with { Coverage = true };

    // The label point of each polygon of a generalised layer, from the zoom the map starts labelling it:
    // a tile carries no points nobody draws.
    private static TileLayer P(string id, int minZoom) => G(id, minZoom, "t.code::bigint", "code", "name") with { LabelPoints = true };

    // 随手拍 reports where a tile would hold too many to draw them one by one (below z12, where the
    // reports layer starts): one point per grid — 一级 grids (towns) at z8–9, 二级 grids (villages) at
    // z10–11 — with how many reports it holds and how many of them are open, read from the counts the
    // reports' own statements keep exact (grid_report_counts), so a tile costs a key lookup per grid and a
    // cached tile goes with the next edit like any other. Nothing is dropped, only summed.
    // Keyed by code: tiles join their shapes on the key, and grids.code is indexed as text (an id would be
    // joined as id::text, no index, every grid of the level hashed for each tile).
    private static TileLayer ReportCounts(int level, int minZoom, int maxZoom)
    {
        static string Count(string column) => $"coalesce((SELECT c.{column} FROM grid_report_counts c WHERE c.grid_id = t.id), 0)";
        var collection = new Collection($"report-counts-{level}", "随手拍 per grid", $"随手拍 reports counted per level-{level} grid", "grids", $"t.level = {level}", "code",
        [
            new("code", "t.code"),
            new("grid", "t.name"),
            new("reports", Count("reports"), "integer"),
            new("open", Count("open"), "integer"),
            // What the map writes beside the point: all reports, and the open ones when there are any.
            new("name", "(SELECT c.reports || CASE WHEN c.open > 0 THEN ' (' || c.open || ' 未结)' ELSE '' END FROM grid_report_counts c WHERE c.grid_id = t.id)"),
        ]);
        // Grids without reports carry no point: a map of zeros hides the places that have some.
        return new TileLayer(collection, minZoom, maxZoom, "t.id", ["code", "grid", "reports", "open", "name"], Generalised: true, LabelPoints: true)
        {
            Tileset = "reports",
            DrawnWhen = "EXISTS (SELECT 1 FROM grid_report_counts c WHERE c.grid_id = t.id AND c.reports > 0)",
        };
    }

    public static IReadOnlyList<TileLayer> Layers { get; } =
    [
        C("floodplain-zones", 6, "t.id", "kind", "name"),
        G("rivers", 4, "t.id", "name"),
        C("districts", 0, "t.code::bigint", "code", "name"),
        C("towns", 8, "t.code::bigint", "code", "name"),
        C("villages", 10, "t.code::bigint", "code", "name"),
        C("grids-1", 8, "t.id", "code", "name", "households"),
        C("grids-2", 10, "t.id", "code", "name", "households", "head"),
        C("grids-3", 11, "t.id", "code", "name", "households", "workers"),
        L("road-segments", 10, "t.id", "code", "road_name", "chief", "chief_level"),
        L("duty-units", 12, "t.id", "code", "name", "kind"),
        L("sites", 8, "t.id", "code", "category", "status", "description"),
        L("reports", 12, "t.id", "code", "category", "status", "text"),
        ReportCounts(1, 8, 9),
        ReportCounts(2, 10, 11),
        P("districts", 0),
        P("towns", 8),
        P("villages", 13),
        P("grids-2", 13) with { IdExpression = "t.id" },
        P("grids-3", 15) with { IdExpression = "t.id" },
    ];

    /// <summary>The composite and one tileset per collection; a collection's tileset carries its label points too.</summary>
    public static IReadOnlyList<string> Tilesets { get; } = [Composite, .. Layers.Select(l => l.Tileset).Distinct()];

    /// <summary>The layers of a tileset, or null when there is no such tileset.</summary>
    public static IReadOnlyList<TileLayer>? Find(string tileset) =>
        tileset == Composite ? Layers
        : Tilesets.Contains(tileset) ? Layers.Where(l => l.Tileset == tileset).ToList()
        : null;
}
