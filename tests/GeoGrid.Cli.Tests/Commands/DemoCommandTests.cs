using GeoGrid.Testing;

namespace GeoGrid.Cli.Tests.Commands;

[Collection(PostGisCollection.Name)]
public sealed class DemoCommandTests(PostGisFixture db)
{
    [Theory]
    [InlineData("abc", "Cannot parse argument 'abc' for option '--scale'")]
    [InlineData("1e308", "Cannot parse argument '1e308' for option '--scale'")]
    [InlineData("0", "--scale must be 1 to 10")]
    [InlineData("11", "--scale must be 1 to 10")]
    public async Task A_scale_that_is_no_number_or_out_of_range_is_refused_by_name_before_anything_is_loaded(string scale, string message)
    {
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "demo", "--scale", scale);
        Assert.Equal(1, code);
        Assert.Contains(message, errors);
        Assert.DoesNotContain("GEOGRID_DEBUG", errors);
    }
}
