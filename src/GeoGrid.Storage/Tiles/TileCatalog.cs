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
        P("districts", 0),
        P("towns", 8),
        P("villages", 13),
        P("grids-2", 13) with { IdExpression = "t.id" },
        P("grids-3", 15) with { IdExpression = "t.id" },
    ];

    /// <summary>The composite and one tileset per collection; a collection's tileset carries its label points too.</summary>
    public static IReadOnlyList<string> Tilesets { get; } = [Composite, .. Layers.Where(l => !l.LabelPoints).Select(l => l.Id)];

    /// <summary>The layers of a tileset, or null when there is no such tileset.</summary>
    public static IReadOnlyList<TileLayer>? Find(string tileset) =>
        tileset == Composite ? Layers
        : Tilesets.Contains(tileset) ? Layers.Where(l => l.Collection.Id == tileset).ToList()
        : null;
}
