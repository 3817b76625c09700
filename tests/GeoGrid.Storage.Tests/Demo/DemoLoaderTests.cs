using GeoGrid.Testing;

namespace GeoGrid.Storage.Tests.Demo;

[Collection(PostGisCollection.Name)]
public sealed class DemoLoaderTests(PostGisFixture db)
{
    [Fact]
    public async Task Gaocun_holds_30_level2_and_217_level3_grids_and_628_workers_in_postgis()
    {
        Assert.Equal(30, await db.ScalarAsync<long>("SELECT count(*) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE p.code = 'G410182201'"));
        Assert.Equal(217, await db.ScalarAsync<long>("SELECT count(*) FROM grids c JOIN grids p ON p.id = c.parent_id JOIN grids pp ON pp.id = p.parent_id WHERE pp.code = 'G410182201'"));
        Assert.Equal(628, await db.ScalarAsync<long>("""
            SELECT count(*) FROM grid_workers w JOIN grids g ON g.id = w.grid_id
             WHERE g.code = 'G410182201' OR g.parent_id = (SELECT id FROM grids WHERE code = 'G410182201')
                OR g.parent_id IN (SELECT id FROM grids WHERE parent_id = (SELECT id FROM grids WHERE code = 'G410182201'))
            """));
    }

    [Fact]
    public async Task Gaocun_reports_are_routed_to_its_grids_and_9765_of_9880_are_closed()
    {
        const string inGaocun = "FROM reports r JOIN grids g ON g.id = r.grid_id WHERE g.area_code LIKE '410182201%'";
        Assert.Equal(9880, await db.ScalarAsync<long>("SELECT count(*) " + inGaocun));
        Assert.Equal(9765, await db.ScalarAsync<long>("SELECT count(*) " + inGaocun + " AND r.status = 'closed' AND r.closed_at IS NOT NULL"));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM reports WHERE grid_id IS NULL"));
    }

    // Coverage is a planar property of the stored lon/lat geometries (edges are straight in lon/lat), so
    // gaps and overlaps are measured in that plane and scaled to m² at Zhengzhou's latitude. Measuring
    // them through ::geography or ST_Transform would turn a zero-area sliver of collinear nodes along a
    // long edge into hundreds of m², because neither keeps lon/lat-straight edges straight.
    private const string SquareMetres = "* (111319.49 * 111319.49 * cos(radians(34.7)))";

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_grid_level_covers_its_parent_without_gap_or_overlap_in_postgis(int level)
    {
        // Gap: parent area not covered by the union of its children; overlap: area counted twice.
        var worst = await db.ScalarAsync<double>($"""
            WITH fam AS (
                SELECT p.id, p.geom AS parent, ST_Union(c.geom) AS kids, sum(ST_Area(c.geom)) AS kid_area
                  FROM grids p JOIN grids c ON c.parent_id = p.id WHERE c.level = $1 GROUP BY p.id, p.geom)
            SELECT max(greatest(ST_Area(ST_Difference(parent, kids)), ST_Area(ST_Difference(kids, parent)), abs(kid_area - ST_Area(kids)))) {SquareMetres} FROM fam
            """, (short)level);
        Assert.True(worst < 0.01, $"worst gap/overlap {worst} m²");
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM grids c JOIN grids p ON p.id = c.parent_id WHERE c.level = $1 AND NOT ST_Within(ST_PointOnSurface(c.geom), p.geom)", (short)level));
    }

    [Fact]
    public async Task Level1_grids_cover_their_district_and_districts_add_up_to_zhengzhou()
    {
        var worst = await db.ScalarAsync<double>($"""
            WITH fam AS (
                SELECT d.code, d.geom AS parent, ST_Union(g.geom) AS kids, sum(ST_Area(g.geom)) AS kid_area
                  FROM admin_areas d JOIN admin_areas t ON t.parent_code = d.code JOIN grids g ON g.area_code = t.code AND g.level = 1
                 GROUP BY d.code, d.geom)
            SELECT max(greatest(ST_Area(ST_SymDifference(parent, kids)), abs(kid_area - ST_Area(kids)))) {SquareMetres} FROM fam
            """);
        Assert.True(worst < 0.01, $"worst district mismatch {worst} m²");
        var km2 = await db.ScalarAsync<double>("SELECT sum(ST_Area(geom::geography)) / 1e6 FROM admin_areas WHERE level = 'district'");
        Assert.InRange(km2, 7570 * 0.99, 7570 * 1.01);
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM admin_areas a JOIN admin_areas b ON a.code < b.code AND a.level = 'district' AND b.level = 'district' AND ST_Relate(a.geom, b.geom, '2********')"));
    }

    [Fact]
    public async Task Floodplain_sites_lie_in_the_zones_by_the_riverside_villages()
    {
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM sites WHERE zone_id IS NULL"));
        var nearSunzhuang = await db.ScalarAsync<long>("""
            SELECT count(*) FROM sites s, admin_areas v WHERE v.name IN ('孙庄村', '黄河桥村') AND v.parent_code = '410108101'
               AND ST_DWithin(s.geom::geography, v.geom::geography, 3000)
            """);
        Assert.True(nearSunzhuang >= 50, $"only {nearSunzhuang} sites within 3 km of 孙庄村/黄河桥村");
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM sites WHERE status = 'accepted' AND closed_at IS NULL"));
    }

    [Fact]
    public async Task The_roads_named_in_the_articles_all_have_chiefs_and_duty_units()
    {
        foreach (var road in new[] { "航海东路", "经八路", "桃贾路", "莲花街", "棉纺路" })
        {
            Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM road_segments WHERE road_name = $1", road) > 0, road);
            Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM road_segments WHERE road_name = $1 AND chief_id IS NULL", road));
            Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM duty_units u JOIN road_segments s ON s.id = u.segment_id WHERE s.road_name = $1", road) > 0, road);
        }
    }
}
