using GeoGrid.Cli.Commands;
using GeoGrid.Storage.Collections;

namespace GeoGrid.Cli.Tests.Commands;

/// <summary>
/// <c>geogrid cql</c> on a folder laid out as the CQL2 standard lays out its examples (<c>text/</c>,
/// <c>json/</c>), with filters of every form the standard's examples use: operands on either side,
/// intervals of properties, unknown functions, WKT with a space or Z, 3-D boxes, dates before 1900,
/// array literals first.
/// </summary>
public sealed class CqlCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("geogrid-cql-").FullName;

    // Each pair means the same filter in both encodings.
    private static readonly (string Name, string Text, string Json)[] s_pairs =
    [
        ("literal-first", "0 = (\"area_m2\" % 2)", """{"op":"=","args":[0,{"op":"%","args":[{"property":"area_m2"},2]}]}"""),
        ("interval-of-properties", "T_DURING(INTERVAL(found_at, closed_at), INTERVAL('2025-01-01', '2025-12-31'))",
            """{"op":"t_during","args":[{"interval":[{"property":"found_at"},{"property":"closed_at"}]},{"interval":["2025-01-01","2025-12-31"]}]}"""),
        ("literal-interval-first", "T_CONTAINS(INTERVAL('2020-01-01T00:00:00Z', '..'), INTERVAL(found_at, closed_at))",
            """{"op":"t_contains","args":[{"interval":["2020-01-01T00:00:00Z",".."]},{"interval":[{"property":"found_at"},{"property":"closed_at"}]}]}"""),
        ("function", "avg(area_m2) < 4", """{"op":"<","args":[{"op":"avg","args":[{"property":"area_m2"}]},4]}"""),
        ("function-condition", "isValid(geometry)", """{"op":"isValid","args":[{"property":"geometry"}]}"""),
        ("wkt-with-space", "S_EQUALS(POLYGON ((113 34, 114 34, 114 35, 113 34)), geometry)",
            """{"op":"s_equals","args":[{"type":"Polygon","coordinates":[[[113,34],[114,34],[114,35],[113,34]]]},{"property":"geometry"}]}"""),
        ("wkt-z", "S_INTERSECTS(geometry, POINT Z (113.6 34.7 90))", """{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[113.6,34.7,90]}]}"""),
        ("bbox-3d", "S_INTERSECTS(geometry, BBOX(113.5, 34.6, -10, 113.8, 34.9, 500))", """{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[113.5,34.6,-10,113.8,34.9,500]}]}"""),
        ("old-date", "T_AFTER(found_at, DATE('1851-04-29'))", """{"op":"t_after","args":[{"property":"found_at"},{"date":"1851-04-29"}]}"""),
        ("array-first", "A_CONTAINEDBY(('a.jpg', TRUE, 1.5), photos)", """{"op":"a_containedby","args":[["a.jpg",true,1.5],{"property":"photos"}]}"""),
        ("casei-in", "CASEI(category) IN (CASEI('Dumping'), CASEI('Mining'))",
            """{"op":"in","args":[{"op":"casei","args":[{"property":"category"}]},[{"op":"casei","args":["Dumping"]},{"op":"casei","args":["Mining"]}]]}"""),
        ("constant", "TRUE AND NOT FALSE", """{"op":"and","args":[true,{"op":"not","args":[false]}]}"""),
    ];

    public CqlCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "text"));
        Directory.CreateDirectory(Path.Combine(_dir, "json"));
        foreach (var (name, text, json) in s_pairs)
        {
            File.WriteAllText(Path.Combine(_dir, "text", name + ".txt"), text);
            File.WriteAllText(Path.Combine(_dir, "json", name + ".json"), json);
        }
    }

    [Fact]
    public void Every_form_parses_in_both_encodings_and_each_pair_gives_the_same_tree()
    {
        var output = new StringWriter();
        var summary = CqlCommand.Check([_dir], null, quiet: false, output);
        Assert.True(summary.Ok, output.ToString());
        Assert.Equal(new CqlCommand.Summary(2 * s_pairs.Length, 0, s_pairs.Length, 0), summary);

        // The canonical text reads back as itself.
        foreach (var line in output.ToString().Split('\n').Where(l => l.Contains(".txt: ", StringComparison.Ordinal)))
        {
            var canonical = line[(line.IndexOf(".txt: ", StringComparison.Ordinal) + 6)..].TrimEnd('\r');
            var again = new StringWriter();
            CqlCommand.Check([canonical], null, quiet: false, again);
            Assert.Equal("filter: " + canonical, again.ToString().Split('\n')[0].TrimEnd('\r'));
        }
    }

    [Fact]
    public void A_pair_that_differs_and_a_broken_filter_are_reported_and_fail_the_check()
    {
        File.WriteAllText(Path.Combine(_dir, "json", "old-date.json"), """{"op":"t_after","args":[{"property":"found_at"},{"date":"1851-04-30"}]}""");
        File.WriteAllText(Path.Combine(_dir, "text", "broken.txt"), "S_INTERSECTS(geometry, POLYGON((113 34, 114 35)");
        var output = new StringWriter();
        var summary = CqlCommand.Check([_dir], null, quiet: true, output);
        Assert.False(summary.Ok);
        Assert.Equal(1, summary.Refused);
        Assert.Equal(1, summary.Differ);
        Assert.Contains("broken.txt: REFUSED unclosed geometry literal", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("old-date: text and JSON DIFFER", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_filters_stand_alone_and_a_missing_file_is_named()
    {
        var output = new StringWriter();
        var summary = CqlCommand.Check(["status = 'found'", """{"op":"=","args":[{"property":"status"},"cleared"]}""", Path.Combine(_dir, "nope.json")], null, quiet: false, output);
        Assert.Equal(new CqlCommand.Summary(2, 1, 0, 0), summary);
        Assert.Contains("nope.json: REFUSED no such file or folder", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_collection_filters_become_its_sql_and_what_it_cannot_run_is_named()
    {
        var output = new StringWriter();
        var sites = CollectionCatalog.Find("sites")!;
        var summary = CqlCommand.Check([Path.Combine(_dir, "text")], sites, quiet: false, output);
        Assert.True(summary.Ok);
        var text = output.ToString();
        Assert.Contains("(t.found_at)::timestamptz > $1::timestamptz AND (t.closed_at)::timestamptz < $2::timestamptz", text, StringComparison.Ordinal);
        Assert.Contains("$1::text[] <@ (t.photos)", text, StringComparison.Ordinal);
        Assert.Contains("not for sites: unknown function 'avg'", text, StringComparison.Ordinal);
        Assert.Contains("not for sites: unknown function 'isValid'", text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
