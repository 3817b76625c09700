-- One row per served layer: its id, zh-CN title and feature count, in display order.
SELECT 'districts' AS id, '区县' AS title, count(*) AS features FROM admin_areas WHERE level = 'district'
UNION ALL SELECT 'towns', '乡镇街道', count(*) FROM admin_areas WHERE level = 'town'
UNION ALL SELECT 'villages', '村社区', count(*) FROM admin_areas WHERE level = 'village'
UNION ALL SELECT 'grids-1', '一级网格', count(*) FROM grids WHERE level = 1
UNION ALL SELECT 'grids-2', '二级网格', count(*) FROM grids WHERE level = 2
UNION ALL SELECT 'grids-3', '三级网格', count(*) FROM grids WHERE level = 3
UNION ALL SELECT 'grid-workers', '网格员', count(*) FROM grid_workers
UNION ALL SELECT 'road-segments', '路长制路段', count(*) FROM road_segments
UNION ALL SELECT 'road-chiefs', '路长', count(*) FROM road_chiefs
UNION ALL SELECT 'duty-units', '门前四包单位', count(*) FROM duty_units
UNION ALL SELECT 'rivers', '河流', count(*) FROM rivers
UNION ALL SELECT 'floodplain-zones', '黄河滩区分区', count(*) FROM floodplain_zones
UNION ALL SELECT 'sites', '四乱点位', count(*) FROM sites
UNION ALL SELECT 'reports', '随手拍', count(*) FROM reports
