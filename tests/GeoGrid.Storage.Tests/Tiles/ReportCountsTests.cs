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
}
