using GeoGrid.Storage.Collections;
using NetTopologySuite.Geometries;

namespace GeoGrid.Storage.Tests.Collections;

/// <summary>The SQL builder on its own: request values become parameters, never SQL text.</summary>
public sealed class ItemsQueryTests
{
    private static readonly Collection s_sites = CollectionCatalog.Find("sites")!;

    [Fact]
    public void Bbox_datetime_and_paging_are_parameters_in_order()
    {
        var r = new ItemsRequest(s_sites, new Envelope(113.5, 113.7, 34.8, 34.9), 4326, 3857, false, 25, 50,
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), null);
        var (sql, args) = ItemsQuery.Items(r);

        Assert.Equal(new object[] { 113.5, 34.8, 113.7, 34.9, 4326, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 3857, 25, 50 }, args);
        Assert.Contains("ST_Intersects(t.geom, ST_Transform(ST_Envelope(ST_MakeLine(ST_SetSRID(ST_MakePoint($1, $2), $5), ST_SetSRID(ST_MakePoint($3, $4), $5))), 4490))", sql);
        Assert.Contains("t.found_at >= $6", sql);
        Assert.Contains("ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(t.geom, $7)), 3)", sql);
        Assert.EndsWith("ORDER BY t.\"code\" LIMIT $8 OFFSET $9", sql);
        Assert.DoesNotContain("ST_FlipCoordinates", sql);
    }

    [Fact]
    public void A_feature_id_is_a_parameter_even_when_it_looks_like_sql()
    {
        var hostile = "x'; DROP TABLE sites; --";
        var (sql, args) = ItemsQuery.Items(new ItemsRequest(s_sites, FeatureId: hostile));
        Assert.DoesNotContain("DROP", sql);
        Assert.Contains(hostile, args);
    }

    [Fact]
    public void Latitude_first_output_flips_axes_and_the_count_query_shares_the_conditions()
    {
        var grids = CollectionCatalog.Find("grids-3")!;
        var r = new ItemsRequest(grids, new Envelope(113, 114, 34, 35), OutputSrid: 4490, LatitudeFirst: true);
        Assert.Contains("ST_ForcePolygonCCW(ST_FlipCoordinates(ST_Transform(t.geom, $6)))", ItemsQuery.Items(r).Sql);
        var (count, countArgs) = ItemsQuery.Count(r);
        Assert.Equal("SELECT count(*) FROM \"grids\" t WHERE t.level = 3 AND ST_Intersects(t.geom, ST_Transform(ST_Envelope(ST_MakeLine(ST_SetSRID(ST_MakePoint($1, $2), $5), ST_SetSRID(ST_MakePoint($3, $4), $5))), 4490))", count);
        Assert.Equal(5, countArgs.Count);
    }

    [Fact]
    public void Identifiers_are_quoted_by_one_helper()
    {
        Assert.Equal("\"we\"\"ird\"", SqlText.Identifier("we\"ird"));
        Assert.Equal("'it''s'", SqlText.Literal("it's"));
    }
}
