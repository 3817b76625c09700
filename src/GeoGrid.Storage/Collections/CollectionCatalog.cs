namespace GeoGrid.Storage.Collections;

/// <summary>The collections GeoGrid serves, with the same ids as the landing page's layers.</summary>
public static class CollectionCatalog
{
    private static CollectionProperty P(string name, string expression, string type = "string") => new(name, expression, type);

    private static readonly CollectionProperty[] s_area = [P("code", "t.code"), P("name", "t.name"), P("level", "t.level::text"), P("parent_code", "t.parent_code")];

    private static readonly CollectionProperty[] s_grid =
    [
        P("code", "t.code"), P("name", "t.name"), P("level", "t.level", "integer"), P("area_code", "t.area_code"),
        P("parent_code", "(SELECT p.code FROM grids p WHERE p.id = t.parent_id)"), P("households", "t.households", "integer"),
        P("workers", "(SELECT count(*) FROM grid_workers w WHERE w.grid_id = t.id)", "integer"),
        P("head", "(SELECT w.name FROM grid_workers w WHERE w.grid_id = t.id AND w.role = 'grid_head' ORDER BY w.id LIMIT 1)"),
    ];

    public static IReadOnlyList<Collection> All { get; } =
    [
        new("districts", "区县", "Zhengzhou's 12 districts (real boundaries, cleaned into a coverage)", "admin_areas", "t.level = 'district'", "code", s_area),
        new("towns", "乡镇街道", "Towns and streets (real names and codes, synthesised polygons)", "admin_areas", "t.level = 'town'", "code", s_area),
        new("villages", "村社区", "Villages and communities (real names and codes, synthesised polygons)", "admin_areas", "t.level = 'village'", "code", s_area),
        new("grids-1", "一级网格", "Level-1 grids: towns and streets", "grids", "t.level = 1", "code", s_grid, AsOf: "grids_at"),
        new("grids-2", "二级网格", "Level-2 grids: villages and communities", "grids", "t.level = 2", "code", s_grid, AsOf: "grids_at"),
        new("grids-3", "三级网格", "Level-3 grids: blocks and villager groups (一组一网格)", "grids", "t.level = 3", "code", s_grid, AsOf: "grids_at"),
        new("road-segments", "路长制路段", "Road segments, each under a road chief (路长)", "road_segments", null, "code",
        [
            P("code", "t.code"), P("road_name", "t.road_name"), P("seq", "t.seq", "integer"), P("district_code", "t.district_code"),
            P("chief", "(SELECT c.name FROM road_chiefs c WHERE c.id = t.chief_id)"), P("chief_level", "(SELECT c.level::text FROM road_chiefs c WHERE c.id = t.chief_id)"),
            P("length_m", "round(ST_Length(t.geom::geography)::numeric, 1)", "number"),
        ]),
        new("duty-units", "门前四包单位", "Shops and units that carry the 门前四包 duties", "duty_units", null, "code",
        [
            P("code", "t.code"), P("name", "t.name"), P("kind", "t.kind"), P("segment_code", "(SELECT s.code FROM road_segments s WHERE s.id = t.segment_id)"),
            P("duties", "array_to_string(t.duties, '、')"),
        ]),
        new("floodplain-zones", "黄河滩区分区", "Yellow River floodplain zones (嫩滩/二滩/高滩, 三滩分治)", "floodplain_zones", null, "kind",
            [P("kind", "t.kind::text"), P("name", "t.name"), P("rules", "t.rules")]),
        new("rivers", "河流", "River centrelines", "rivers", null, "id", [P("name", "t.name")]),
        new("sites", "四乱点位", "Floodplain 四乱 sites and their lifecycle", "sites", null, "code",
        [
            P("code", "t.code"), P("category", "t.category::text"), P("status", "t.status::text"), P("description", "t.description"),
            P("area_m2", "round(t.area_m2::numeric, 1)", "number"), P("found_at", "t.found_at", "date-time"), P("closed_at", "t.closed_at", "date-time"),
            P("grid_code", "(SELECT g.code FROM grids g WHERE g.id = t.grid_id)"), P("photos", "t.photos", "array"),
            // The floodplain zone the site lies in (嫩滩 first where it reaches into two), so lists filter by it.
            P("zone", "(SELECT z.kind::text FROM floodplain_zones z WHERE ST_Intersects(z.geom, t.geom) ORDER BY z.kind LIMIT 1)"),
        ], Temporal: "t.found_at"),
        new("reports", "随手拍", "随手拍 reports routed to their grids", "reports", null, "code",
        [
            P("code", "t.code"), P("category", "t.category::text"), P("status", "t.status::text"), P("text", "t.text"),
            P("created_at", "t.created_at", "date-time"), P("closed_at", "t.closed_at", "date-time"), P("grid_code", "(SELECT g.code FROM grids g WHERE g.id = t.grid_id)"),
        ], Temporal: "t.created_at"),
    ];

    public static Collection? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
