using GeoGrid.Storage.Collections;
using GeoGrid.Storage.Collections.Cql;
using NetTopologySuite.Geometries;

namespace GeoGrid.Storage.Tests.Collections.Cql;

/// <summary>CQL2 text and JSON parse to the same tree, and the tree becomes parameterised SQL.</summary>
public sealed class CqlTests
{
    private static readonly Collection s_reports = CollectionCatalog.Find("reports")!;

    public static TheoryData<string, string> TextAndJson => new()
    {
        { "status = 'closed'", """{"op":"=","args":[{"property":"status"},"closed"]}""" },
        { "category IN ('safety', 'dispute') AND NOT status = 'closed'", """{"op":"and","args":[{"op":"in","args":[{"property":"category"},["safety","dispute"]]},{"op":"not","args":[{"op":"=","args":[{"property":"status"},"closed"]}]}]}""" },
        { "text LIKE '%路灯%' OR grid_code IS NULL", """{"op":"or","args":[{"op":"like","args":[{"property":"text"},"%路灯%"]},{"op":"isNull","args":[{"property":"grid_code"}]}]}""" },
        { "S_INTERSECTS(geometry, BBOX(113.6, 34.7, 113.7, 34.8))", """{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[113.6,34.7,113.7,34.8]}]}""" },
        { "S_DWITHIN(geometry, POINT(113.65 34.76), 1000)", """{"op":"s_dwithin","args":[{"property":"geometry"},{"type":"Point","coordinates":[113.65,34.76]},1000]}""" },
        { "T_INTERSECTS(created_at, INTERVAL('2025-01-01T00:00:00Z', '..'))", """{"op":"t_intersects","args":[{"property":"created_at"},{"interval":["2025-01-01T00:00:00Z",".."]}]}""" },
    };

    [Theory]
    [MemberData(nameof(TextAndJson))]
    public void Text_and_json_encodings_give_the_same_sql(string text, string json)
    {
        List<object> a = [], b = [];
        var fromText = CqlSql.Translate(CqlText.Parse(text), s_reports, a);
        var fromJson = CqlSql.Translate(CqlJson.Parse(json), s_reports, b);
        Assert.Equal(fromText, fromJson);
        Assert.Equal(a.Select(Describe), b.Select(Describe));
    }

    [Fact]
    public void Values_become_parameters_and_never_sql_text()
    {
        var args = new List<object>();
        var sql = CqlSql.Translate(CqlText.Parse("text = 'x''; DROP TABLE reports; --' AND status <> 'closed'"), s_reports, args);
        Assert.DoesNotContain("DROP", sql);
        Assert.Equal("((t.text)::text = $1 AND (t.status::text)::text <> $2)", sql);
        Assert.Equal(["x'; DROP TABLE reports; --", "closed"], args);
    }

    [Fact]
    public void Geometry_literals_are_moved_from_the_filter_crs_into_storage()
    {
        var args = new List<object>();
        var sql = CqlSql.Translate(CqlText.Parse("S_WITHIN(geometry, POLYGON((113 34, 114 34, 114 35, 113 35, 113 34)))"), s_reports, args, 4326);
        Assert.Equal("ST_Within(t.geom, ST_Transform($1::geometry, 4490))", sql);
        Assert.Equal(4326, ((Geometry)args[0]).SRID);
    }

    [Theory]
    [InlineData("colour = 'red'", "unknown property 'colour'")]
    [InlineData("status = ", "expected a value")]
    [InlineData("status = 'closed' AND", "expected a value")]
    [InlineData("S_INTERSECTS(geometry, CIRCLE(1, 2))", "unknown function 'CIRCLE'")]
    [InlineData("avg(households) > 3", "unknown function 'avg'")]
    [InlineData("isValid(geometry)", "unknown function 'isValid'")]
    [InlineData("S_INTERSECTS(code, POINT(113 34))", "'code' is not a geometry")]
    [InlineData("T_DURING(INTERVAL(created_at, code), INTERVAL('2025-01-01', '..'))", "'code' is not a time property")]
    [InlineData("A_CONTAINS(status, ('a'))", "'status' is not an array")]
    [InlineData("T_BEFORE(status, TIMESTAMP('2025-01-01T00:00:00Z'))", "not a time property")]
    [InlineData("created_at = TIMESTAMP('yesterday')", "not an RFC 3339")]
    [InlineData("text = 'unclosed", "unclosed string")]
    [InlineData("status = 5", "'status' is not a number")]
    public void Bad_filters_say_what_is_wrong(string filter, string message)
    {
        var e = Assert.Throws<CqlException>(() => CqlSql.Translate(CqlText.Parse(filter), s_reports, []));
        Assert.Contains(message, e.Message);
    }

    private static string Describe(object o) => o is Geometry g ? g.AsText() : Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture)!;
}
