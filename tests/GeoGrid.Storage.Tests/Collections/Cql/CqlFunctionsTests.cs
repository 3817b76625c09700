using GeoGrid.Storage.Collections;
using GeoGrid.Storage.Collections.Cql;
using GeoGrid.Testing;
using Npgsql;

namespace GeoGrid.Storage.Tests.Collections.Cql;

/// <summary>
/// All eight spatial functions of CQL2 and property–property comparisons, in both encodings, select
/// exactly what the same PostGIS predicate selects on the demo data.
/// </summary>
[Collection(PostGisCollection.Name)]
public sealed class CqlFunctionsTests(PostGisFixture db)
{
    private const string Box = "POLYGON((113.60 34.74, 113.66 34.74, 113.66 34.79, 113.60 34.79, 113.60 34.74))";
    private const string Line = "LINESTRING(113.55 34.70, 113.70 34.80)";

    public static TheoryData<string, string, string> Spatial => new()
    {
        { "S_INTERSECTS", Box, "ST_Intersects" },
        { "S_WITHIN", Box, "ST_Within" },
        { "S_CONTAINS", "POINT(113.62 34.76)", "ST_Contains" },
        { "S_CROSSES", Line, "ST_Crosses" },
        { "S_TOUCHES", Box, "ST_Touches" },
        { "S_OVERLAPS", Box, "ST_Overlaps" },
        { "S_DISJOINT", Box, "ST_Disjoint" },
        { "S_EQUALS", Box, "ST_Equals" },
    };

    [Theory]
    [MemberData(nameof(Spatial))]
    public async Task Each_spatial_function_selects_what_postgis_selects(string function, string wkt, string predicate)
    {
        var towns = CollectionCatalog.Find("towns")!;
        var text = await CountAsync(towns, CqlText.Parse($"{function}(geometry, {wkt})"));
        var json = await CountAsync(towns, CqlJson.Parse($$"""{"op":"{{function.ToLowerInvariant()}}","args":[{"property":"geometry"},{{GeoJson(wkt)}}]}"""));
        var expected = await db.ScalarAsync<long>($"SELECT count(*) FROM admin_areas WHERE level = 'town' AND {predicate}(geom, ST_GeomFromText('{wkt}', 4490))");
        Assert.Equal(expected, text);
        Assert.Equal(expected, json);
    }

    [Fact]
    public async Task Two_properties_compare_as_their_types_say()
    {
        var reports = CollectionCatalog.Find("reports")!;
        var closedAfter = await CountAsync(reports, CqlText.Parse("closed_at > created_at"));
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM reports WHERE closed_at > created_at"), closedAfter);
        Assert.Equal(closedAfter, await CountAsync(reports, CqlJson.Parse("""{"op":">","args":[{"property":"closed_at"},{"property":"created_at"}]}""")));
        Assert.Throws<CqlException>(() => CqlSql.Translate(CqlText.Parse("created_at = code"), reports, []));
    }

    public static TheoryData<string, string> Temporal => new()
    {
        // The reports' created_at (an instant) against an interval of the first quarter of 2025.
        { "T_AFTER", "created_at > '2025-03-31T23:59:59Z'" },
        { "T_BEFORE", "created_at < '2025-01-01T00:00:00Z'" },
        { "T_CONTAINS", "false" },
        { "T_DISJOINT", "(created_at > '2025-03-31T23:59:59Z' OR created_at < '2025-01-01T00:00:00Z')" },
        { "T_DURING", "(created_at > '2025-01-01T00:00:00Z' AND created_at < '2025-03-31T23:59:59Z')" },
        { "T_EQUALS", "false" },
        { "T_FINISHEDBY", "false" },
        { "T_FINISHES", "created_at = '2025-03-31T23:59:59Z'" },
        { "T_INTERSECTS", "created_at BETWEEN '2025-01-01T00:00:00Z' AND '2025-03-31T23:59:59Z'" },
        { "T_MEETS", "created_at = '2025-01-01T00:00:00Z'" },
        { "T_METBY", "created_at = '2025-03-31T23:59:59Z'" },
        { "T_OVERLAPPEDBY", "false" },
        { "T_OVERLAPS", "false" },
        { "T_STARTEDBY", "false" },
        { "T_STARTS", "created_at = '2025-01-01T00:00:00Z'" },
    };

    [Theory]
    [MemberData(nameof(Temporal))]
    public async Task Each_temporal_function_relates_an_instant_to_an_interval_as_allen_does(string function, string condition)
    {
        var reports = CollectionCatalog.Find("reports")!;
        var text = await CountAsync(reports, CqlText.Parse($"{function}(created_at, INTERVAL('2025-01-01T00:00:00Z', '2025-03-31T23:59:59Z'))"));
        var json = await CountAsync(reports, CqlJson.Parse("{\"op\":\"" + function.ToLowerInvariant() + "\",\"args\":[{\"property\":\"created_at\"},{\"interval\":[\"2025-01-01T00:00:00Z\",\"2025-03-31T23:59:59Z\"]}]}"));
        var expected = await db.ScalarAsync<long>($"SELECT count(*) FROM reports WHERE {condition}");
        Assert.Equal(expected, text);
        Assert.Equal(expected, json);
    }

    [Fact]
    public async Task Open_interval_ends_reach_all_time()
    {
        var reports = CollectionCatalog.Find("reports")!;
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM reports WHERE created_at >= '2026-01-01T00:00:00Z'"),
            await CountAsync(reports, CqlText.Parse("T_INTERSECTS(created_at, INTERVAL('2026-01-01T00:00:00Z', '..'))")));
        Assert.Equal(0L, await CountAsync(reports, CqlText.Parse("T_AFTER(created_at, INTERVAL('2026-01-01T00:00:00Z', '..'))")));
    }

    [Fact]
    public async Task Casei_and_accenti_compare_without_case_or_accents_in_both_encodings()
    {
        var sites = CollectionCatalog.Find("sites")!;
        var code = await db.ScalarAsync<string>("SELECT code FROM sites ORDER BY id LIMIT 1");
        var lower = code.ToLowerInvariant();
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM sites"), await CountAsync(sites, CqlText.Parse("CASEI(code) LIKE CASEI('sl-%')")));
        Assert.Equal(0L, await CountAsync(sites, CqlText.Parse("code LIKE 'sl-%'")));
        Assert.Equal(1L, await CountAsync(sites, CqlText.Parse($"ACCENTI(CASEI(code)) = ACCENTI(CASEI('{lower}'))")));
        Assert.Equal(1L, await CountAsync(sites, CqlText.Parse($"CASEI(code) IN (CASEI('{lower}'), CASEI('nothing'))")));
        Assert.Equal(1L, await CountAsync(sites, CqlJson.Parse("{\"op\":\"=\",\"args\":[{\"op\":\"casei\",\"args\":[{\"property\":\"code\"}]},{\"op\":\"casei\",\"args\":[\"" + lower + "\"]}]}")));
        // Accents go: 'Ś' is 'S' to ACCENTI, and not without it.
        var accented = "Ś" + code[1..];
        Assert.Equal(1L, await CountAsync(sites, CqlText.Parse($"ACCENTI(code) = ACCENTI('{accented}')")));
        Assert.Equal(0L, await CountAsync(sites, CqlText.Parse($"code = '{accented}'")));
    }

    public static TheoryData<string, string, string> Arithmetic => new()
    {
        // households per worker above 30, in three spellings of the same arithmetic
        { "households / workers > 30", """{"op":">","args":[{"op":"/","args":[{"property":"households"},{"property":"workers"}]},30]}""", "households::float8 / NULLIF(w, 0) > 30" },
        { "households > (workers * 30)", """{"op":">","args":[{"property":"households"},{"op":"*","args":[{"property":"workers"},30]}]}""", "households > w * 30" },
        { "(households - 10) * 2 >= workers ^ 2 + 100", """{"op":">=","args":[{"op":"*","args":[{"op":"-","args":[{"property":"households"},10]},2]},{"op":"+","args":[{"op":"^","args":[{"property":"workers"},2]},100]}]}""", "(households - 10) * 2 >= power(w, 2) + 100" },
        { "households % 7 = 3", """{"op":"=","args":[{"op":"%","args":[{"property":"households"},7]},3]}""", "households % 7 = 3" },
        { "households div 100 = level-1", """{"op":"=","args":[{"op":"div","args":[{"property":"households"},100]},{"op":"-","args":[{"property":"level"},1]}]}""", "households / 100 = level - 1" },
    };

    [Theory]
    [MemberData(nameof(Arithmetic))]
    public async Task Arithmetic_selects_what_postgresql_computes(string text, string json, string condition)
    {
        var grids = CollectionCatalog.Find("grids-3")!;
        var expected = await db.ScalarAsync<long>($"SELECT count(*) FROM (SELECT g.*, (SELECT count(*) FROM grid_workers x WHERE x.grid_id = g.id) AS w FROM grids g WHERE g.level = 3) t WHERE {condition}");
        Assert.True(expected > 0, "the case selects something");
        Assert.Equal(expected, await CountAsync(grids, CqlText.Parse(text)));
        Assert.Equal(expected, await CountAsync(grids, CqlJson.Parse(json)));
    }

    [Fact]
    public void Arithmetic_refuses_text_properties_and_division_by_zero_selects_nothing()
    {
        var grids = CollectionCatalog.Find("grids-3")!;
        Assert.Throws<CqlException>(() => CqlSql.Translate(CqlText.Parse("code * 2 > 5"), grids, []));
        Assert.Contains("NULLIF", CqlSql.Translate(CqlText.Parse("households / 0 > 1"), grids, []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Array_functions_compare_a_sites_photos_as_postgresql_does()
    {
        var sites = CollectionCatalog.Find("sites")!;
        await db.ScalarAsync<long>("""
            WITH s AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM sites ORDER BY id LIMIT 3)
            UPDATE sites t SET photos = CASE s.k WHEN 1 THEN '{a.jpg,b.jpg}'::text[] WHEN 2 THEN '{b.jpg}'::text[] ELSE '{c.jpg,a.jpg,b.jpg}'::text[] END
              FROM s WHERE s.id = t.id RETURNING 1
            """);
        try
        {
            foreach (var (function, literal, json, op) in new[]
            {
                ("A_CONTAINS", "('a.jpg', 'b.jpg')", "[\"a.jpg\",\"b.jpg\"]", "@>"),
                ("A_CONTAINEDBY", "('a.jpg', 'b.jpg')", "[\"a.jpg\",\"b.jpg\"]", "<@"),
                ("A_OVERLAPS", "('b.jpg', 'z.jpg')", "[\"b.jpg\",\"z.jpg\"]", "&&"),
                ("A_EQUALS", "('b.jpg')", "[\"b.jpg\"]", "="),
            })
            {
                var expected = await db.ScalarAsync<long>($"SELECT count(*) FROM sites WHERE photos {op} ARRAY[{string.Join(",", literal.Trim('(', ')').Split(", "))}]::text[]");
                Assert.True(expected > 0, function);
                Assert.Equal(expected, await CountAsync(sites, CqlText.Parse($"{function}(photos, {literal})")));
                Assert.Equal(expected, await CountAsync(sites, CqlJson.Parse("{\"op\":\"" + function.ToLowerInvariant() + "\",\"args\":[{\"property\":\"photos\"}," + json + "]}")));
            }

            Assert.Throws<CqlException>(() => CqlSql.Translate(CqlText.Parse("A_CONTAINS(code, ('x'))"), sites, []));
        }
        finally
        {
            await db.ScalarAsync<long>("WITH u AS (UPDATE sites SET photos = '{}' WHERE photos <> '{}' RETURNING 1) SELECT count(*) FROM u");
        }
    }

    private async Task<long> CountAsync(Collection collection, CqlNode filter)
    {
        var (sql, args) = ItemsQuery.Count(new ItemsRequest(collection, Filter: filter));
        await using var cmd = db.DataSource.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static string GeoJson(string wkt) =>
        System.Text.Json.JsonSerializer.Serialize(new NetTopologySuite.IO.WKTReader().Read(wkt), GeoGrid.Formats.FeatureFiles.GeoJsonOptions);
}
