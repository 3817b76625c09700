using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoGrid.Formats;
using GeoGrid.Storage.Collections;
using GeoGrid.Storage.Collections.Cql;

namespace GeoGrid.Storage.Tests.Collections.Cql;

/// <summary>
/// Properties of the CQL2 parsers and the GeoJSON body reader over random input: whatever arrives, the
/// only failure is the parser's own refusal (which the server answers with 400) — never another
/// exception, which would be a 500 — and every parse ends well within a second. And random filters
/// written in both encodings translate to the same SQL with the same parameters.
/// </summary>
public sealed class CqlPropertyTests
{
    private static readonly Collection s_reports = CollectionCatalog.Find("reports")!;

    // Pieces of both encodings, so random sequences reach deep into the parsers rather than failing
    // at the first character.
    private static readonly string[] s_textTokens =
    [
        "status", "category", "created_at", "geometry", "text", " = ", " <> ", " < ", " >= ", "'closed'", "'x''y'", "'", "5", "-1e308", "1e999", "NaN",
        " AND ", " OR ", "NOT ", "(", ")", ",", " LIKE ", " IN ", " BETWEEN ", " IS NULL", " IS NOT NULL", "TIMESTAMP('2025-01-01T00:00:00Z')",
        "DATE('2025-13-01')", "INTERVAL('..', '2025-01-01')", "S_INTERSECTS(", "S_DWITHIN(", "T_AFTER(", "POINT(113 34)", "POLYGON((1 1, 2 2, 1 1))",
        "BBOX(1, 2, 3, 4)", "GEOMETRYCOLLECTION(", "true", "INTERVAL(created_at, ", "avg(", " EMPTY", "POINT Z (1 2 3)", "POLYGON ((", "A_EQUALS(", "('a', 1)", "TRUE", "FALSE", "BBOX(1, 2, 3, 4, 5, 6)", "\"", "\\", "路灯", " ", "CASEI(", "ACCENTI(", "T_DURING(", "S_CROSSES(", " + ", "-", " * ", "/", "%", "^", " div ", "households", "0",
    ];

    private static readonly string[] s_jsonTokens =
    [
        "{", "}", "[", "]", ",", ":", "\"op\"", "\"args\"", "\"property\"", "\"and\"", "\"or\"", "\"not\"", "\"=\"", "\"like\"", "\"in\"", "\"between\"",
        "\"isNull\"", "\"s_intersects\"", "\"s_dwithin\"", "\"t_before\"", "\"timestamp\"", "\"date\"", "\"interval\"", "\"bbox\"", "\"type\"", "\"Point\"",
        "\"Polygon\"", "\"coordinates\"", "\"status\"", "\"geometry\"", "\"created_at\"", "1", "-1e308", "1e400", "null", "true", "\"..\"", "\"2025-01-01\"",
        "\"casei\"", "\"accenti\"", "\"avg\"", "\"a_equals\"", "[\"a\",true]", "{\"property\":\"created_at\"}", "\"t_during\"", "\"s_crosses\"", "\"+\"", "\"/\"", "\"div\"", "\"^\"", "0",
    ];

    [Property(MaxTest = 2000)]
    public Property Random_cql2_text_is_parsed_or_refused_never_crashes() =>
        Prop.ForAll(Tokens(s_textTokens).ToArbitrary(), text => Refusable(() => CqlSql.Translate(CqlText.Parse(text), s_reports, []), typeof(CqlException)));

    [Property(MaxTest = 2000)]
    public Property Random_cql2_json_is_parsed_or_refused_never_crashes() =>
        Prop.ForAll(Tokens(s_jsonTokens).ToArbitrary(), json => Refusable(() => CqlSql.Translate(CqlJson.Parse(json), s_reports, []), typeof(CqlException)));

    [Property(MaxTest = 500)]
    public Property Arbitrary_strings_are_parsed_or_refused_never_crash(string? text) =>
        (text is null || Refusable(() => CqlSql.Translate(CqlText.Parse(text), s_reports, []), typeof(CqlException))
            && Refusable(() => CqlSql.Translate(CqlJson.Parse(text), s_reports, []), typeof(CqlException))).ToProperty();

    [Property(MaxTest = 2000)]
    public Property Random_geojson_bodies_are_read_or_refused_never_crash() =>
        Prop.ForAll(Tokens(s_jsonTokens.Concat(["\"Feature\"", "\"properties\"", "\"LineString\"", "[113,34]", "[[113,34],[114,35],[113,34]]"]).ToArray()).ToArbitrary(), json =>
            Refusable(() => FeatureFiles.ParseFeature(System.Text.Encoding.UTF8.GetBytes(json)), typeof(FormatException), typeof(JsonException), typeof(NotSupportedException)));

    [Property(MaxTest = 500)]
    public Property A_filter_written_in_text_and_in_json_translates_to_the_same_sql() =>
        Prop.ForAll(Filter(3).ToArbitrary(), f =>
        {
            List<object> fromText = [], fromJson = [];
            var text = CqlSql.Translate(CqlText.Parse(f.Text), s_reports, fromText);
            var json = CqlSql.Translate(CqlJson.Parse(f.Json), s_reports, fromJson);
            return text == json && fromText.Select(Describe).SequenceEqual(fromJson.Select(Describe));
        });

    /// <summary>True when <paramref name="parse"/> succeeds or fails with one of the refusals, within a second.</summary>
    private static bool Refusable(Action parse, params Type[] refusals)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            parse();
        }
        catch (Exception e) when (refusals.Contains(e.GetType()))
        {
        }

        return clock.Elapsed < TimeSpan.FromSeconds(1);
    }

    private static Gen<string> Tokens(string[] tokens) => Gen.Elements(tokens).ArrayOf().Select(string.Concat);

    /// <summary>A random filter over the reports' queryables in both encodings.</summary>
    private static Gen<(string Text, string Json)> Filter(int depth)
    {
        var comparison = from p in Gen.Elements("status", "category", "text", "grid_code")
                         from op in Gen.Elements("=", "<>", "<", ">=")
                         from v in Gen.Elements("closed", "safety", "路灯 坏了", "it's")
                         select ($"{p} {op} '{v.Replace("'", "''", StringComparison.Ordinal)}'", $$"""{"op":"{{op}}","args":[{"property":"{{p}}"},{{JsonSerializer.Serialize(v)}}]}""");
        var like = from v in Gen.Elements("%路灯%", "a_c", "100%")
                   select ($"text LIKE '{v}'", $$"""{"op":"like","args":[{"property":"text"},{{JsonSerializer.Serialize(v)}}]}""");
        var isNull = Gen.Elements(("grid_code IS NULL", """{"op":"isNull","args":[{"property":"grid_code"}]}"""));
        var instant = from day in Gen.Choose(1, 28)
                      select ($"T_AFTER(created_at, TIMESTAMP('2025-03-{day:D2}T08:00:00Z'))", $$"""{"op":"t_after","args":[{"property":"created_at"},{"timestamp":"2025-03-{{day:D2}}T08:00:00Z"}]}""");
        var near = from x in Gen.Choose(0, 999)
                   from d in Gen.Choose(1, 5000)
                   let lon = (113 + (x / 1000.0)).ToString("R", CultureInfo.InvariantCulture)
                   select ($"S_DWITHIN(geometry, POINT({lon} 34.8), {d})", $$"""{"op":"s_dwithin","args":[{"property":"geometry"},{"type":"Point","coordinates":[{{lon}},34.8]},{{d}}]}""");
        var box = Gen.Elements(("S_INTERSECTS(geometry, BBOX(113.5, 34.7, 113.8, 34.9))", """{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[113.5,34.7,113.8,34.9]}]}"""));
        var leaf = Gen.OneOf(comparison, like, isNull, instant, near, box);
        if (depth == 0)
        {
            return leaf;
        }

        var sub = Filter(depth - 1);
        var logical = from and in Gen.Elements(true, false)
                      from a in sub
                      from b in sub
                      select ($"({a.Text}) {(and ? "AND" : "OR")} ({b.Text})", $$"""{"op":"{{(and ? "and" : "or")}}","args":[{{a.Json}},{{b.Json}}]}""");
        var not = from a in sub select ($"NOT ({a.Text})", $$"""{"op":"not","args":[{{a.Json}}]}""");
        return Gen.Frequency((3, leaf), (2, logical), (1, not));
    }

    private static string Describe(object o) => o is NetTopologySuite.Geometries.Geometry g ? g.AsText() : Convert.ToString(o, CultureInfo.InvariantCulture)!;
}
