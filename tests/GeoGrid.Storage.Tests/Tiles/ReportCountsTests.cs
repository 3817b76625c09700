using GeoGrid.Storage.Tiles;
using GeoGrid.Testing;

namespace GeoGrid.Storage.Tests.Tiles;

/// <summary>Below z12 the reports tileset sums the reports per grid instead of drawing each: nothing dropped, only counted.</summary>
[Collection(PostGisCollection.Name)]
public sealed class ReportCountsTests(PostGisFixture db)
{
    [Theory]
    [InlineData(8, 208, 101, "report-counts-1")]
    [InlineData(10, 835, 406, "report-counts-2")]
    public async Task Each_grid_point_carries_the_number_of_reports_and_open_reports_in_the_grid(int z, int x, int y, string layer)
    {
        var source = new TileSource(db.DataSource, ["code", "reports", "open", "name"]);
        var rows = await source.FeaturesAsync("reports", z, x, y, CancellationToken.None);
        Assert.DoesNotContain(rows, r => r.Layer == "reports");
        var counts = rows.Where(r => r.Layer == layer).ToList();
        Assert.NotEmpty(counts);
        Assert.Contains(counts, c => c.Properties["reports"] != "0");
        var level = layer == "report-counts-1" ? 1 : 2;
        foreach (var c in counts)
        {
            var code = c.Properties["code"]!;
            var inGrid = level == 1
                ? "FROM reports r JOIN grids g3 ON g3.id = r.grid_id JOIN grids g2 ON g2.id = g3.parent_id JOIN grids g1 ON g1.id = g2.parent_id WHERE g1.code = $1"
                : "FROM reports r JOIN grids g3 ON g3.id = r.grid_id JOIN grids g2 ON g2.id = g3.parent_id WHERE g2.code = $1";
            var reports = await db.ScalarAsync<long>($"SELECT count(*) {inGrid}", code);
            var open = await db.ScalarAsync<long>($"SELECT count(*) {inGrid} AND r.status NOT IN ('closed', 'withdrawn')", code);
            Assert.Equal(reports.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Properties["reports"]);
            Assert.Equal(open.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Properties["open"]);
            Assert.StartsWith(reports.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Properties["name"]);
        }
    }

    [Fact]
    public async Task From_z12_the_reports_are_drawn_one_by_one_and_not_counted()
    {
        var source = new TileSource(db.DataSource, ["code"]);
        var rows = await source.FeaturesAsync("reports", 12, 3341, 1625, CancellationToken.None);
        Assert.Contains(rows, r => r.Layer == "reports");
        Assert.DoesNotContain(rows, r => r.Layer.StartsWith("report-counts", StringComparison.Ordinal));
    }

    private const string Recounted = """
        WITH RECURSIVE chain AS (
            SELECT r.grid_id, 1 AS reports, report_is_open(r.status) AS open FROM reports r WHERE r.grid_id IS NOT NULL
            UNION ALL
            SELECT g.parent_id, chain.reports, chain.open FROM chain JOIN grids g ON g.id = chain.grid_id WHERE g.parent_id IS NOT NULL)
        SELECT grid_id, sum(reports)::integer AS reports, sum(open)::integer AS open FROM chain GROUP BY grid_id
        """;

    [Fact]
    public async Task The_kept_counts_equal_the_reports_counted_afresh_whatever_the_tests_before_did()
    {
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM reports WHERE grid_id IS NOT NULL") > 0);
        Assert.Equal(0, await db.ScalarAsync<long>($"SELECT count(*) FROM (({Recounted}) EXCEPT SELECT grid_id, reports, open FROM grid_report_counts WHERE reports <> 0 OR open <> 0) d"));
        Assert.Equal(0, await db.ScalarAsync<long>($"SELECT count(*) FROM ((SELECT grid_id, reports, open FROM grid_report_counts WHERE reports <> 0 OR open <> 0) EXCEPT ({Recounted})) d"));
    }

    [Fact]
    public async Task A_report_made_closed_and_deleted_moves_the_counts_of_its_grid_and_every_grid_above_it_in_its_transaction()
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        async Task<long[]> CountsAsync(string column)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(
                $"SELECT coalesce(c.{column}, 0) FROM grids g LEFT JOIN grid_report_counts c ON c.grid_id = g.id WHERE g.code IN ('G410182201', 'G410182201201', 'G410182201201-001') ORDER BY g.level", connection, tx);
            var values = new List<long>();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) values.Add(reader.GetInt32(0));
            return [.. values];
        }

        async Task ExecuteAsync(string sql)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(sql, connection, tx);
            await cmd.ExecuteNonQueryAsync();
        }

        var reports = await CountsAsync("reports");
        var open = await CountsAsync("open");
        Assert.Equal(3, reports.Length);
        await ExecuteAsync("INSERT INTO reports (code, category, text, geom, grid_id) SELECT 'COUNT-TEST', 'other', '计数测试', ST_PointOnSurface(geom), id FROM grids WHERE code = 'G410182201201-001'");
        Assert.Equal(reports.Select(n => n + 1), await CountsAsync("reports"));
        Assert.Equal(open.Select(n => n + 1), await CountsAsync("open"));
        await ExecuteAsync("UPDATE reports SET status = 'closed', closed_at = now() WHERE code = 'COUNT-TEST'");
        Assert.Equal(reports.Select(n => n + 1), await CountsAsync("reports"));
        Assert.Equal(open, await CountsAsync("open"));
        await ExecuteAsync("DELETE FROM reports WHERE code = 'COUNT-TEST'");
        Assert.Equal(reports, await CountsAsync("reports"));
        Assert.Equal(open, await CountsAsync("open"));
        await tx.RollbackAsync();
    }
}
