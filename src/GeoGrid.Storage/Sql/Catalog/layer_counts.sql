-- One row per served layer: its id, zh-CN title and feature count, in display order.
SELECT id, title, features FROM (
    SELECT 1 AS ord, 'districts' AS id, '区县' AS title, count(*) AS features FROM admin_areas WHERE level = 'district'
    UNION ALL SELECT 2, 'towns', '乡镇街道', count(*) FROM admin_areas WHERE level = 'town'
    UNION ALL SELECT 3, 'villages', '村社区', count(*) FROM admin_areas WHERE level = 'village'
    UNION ALL SELECT 4, 'grids-1', '一级网格', count(*) FROM grids WHERE level = 1
    UNION ALL SELECT 5, 'grids-2', '二级网格', count(*) FROM grids WHERE level = 2
    UNION ALL SELECT 6, 'grids-3', '三级网格', count(*) FROM grids WHERE level = 3
    UNION ALL SELECT 7, 'grid-workers', '网格员', count(*) FROM grid_workers
    UNION ALL SELECT 8, 'road-segments', '路长制路段', count(*) FROM road_segments
    UNION ALL SELECT 9, 'road-chiefs', '路长', count(*) FROM road_chiefs
    UNION ALL SELECT 10, 'duty-units', '门前四包单位', count(*) FROM duty_units
    UNION ALL SELECT 11, 'rivers', '河流', count(*) FROM rivers
    UNION ALL SELECT 12, 'floodplain-zones', '黄河滩区分区', count(*) FROM floodplain_zones
    UNION ALL SELECT 13, 'sites', '四乱点位', count(*) FROM sites
    UNION ALL SELECT 14, 'reports', '随手拍', count(*) FROM reports
) layers ORDER BY ord
