using System.Text;
using GeoGrid.Formats;

namespace GeoGrid.Core.Tests.Import;

/// <summary>The GeoJSON file reader: one tokenizer pass, features built on every core for large files, faults named by feature.</summary>
public sealed class GeoJsonFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geogrid-geojson-").FullName;

    private string File(string json, bool bom = false)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".geojson");
        System.IO.File.WriteAllBytes(path, [.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. Encoding.UTF8.GetBytes(json)]);
        return path;
    }

    private static string Point(int i) =>
        """{"type":"Feature","geometry":{"type":"Point","coordinates":[""" + (113.6 + (i * 1e-5)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
        + """,34.8]},"properties":{"n":""" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ""","text":"第""" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + """条"}}""";

    [Fact]
    public void A_large_file_is_read_whole_in_order_with_its_declared_crs()
    {
        // More features than the parallel threshold, so they are built on every core.
        var features = string.Join(",", Enumerable.Range(1, 5_000).Select(Point));
        var path = File("""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},"features":[""" + features + """],"bbox":[1,2,3,4]}""", bom: true);
        var read = FeatureFiles.Read(path, out var declared);
        Assert.Equal(GeoGrid.Core.Crs.Crs.Epsg4490, declared);
        Assert.Equal(5_000, read.Count);
        Assert.All(read, r => Assert.Equal((long)r.Number, Convert.ToInt64(r.Properties["n"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("第4321条", read[4320].Properties["text"]);
        Assert.Equal(113.6 + (4321 * 1e-5), read[4320].Geometry!.Coordinate.X, 9);
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":{}}""", "not an array")]
    [InlineData("""{"type":"FeatureCollection"}""", "no \"features\"")]
    [InlineData("""{"type":"FeatureCollection","features":[]} trailing""", "")]
    [InlineData("""{"type":"FeatureCollection","features":[1]}""", "feature 1 is not a JSON object")]
    [InlineData("""[1,2]""", "Not a GeoJSON FeatureCollection")]
    public void A_file_that_is_not_a_feature_collection_is_refused_saying_why(string json, string reason)
    {
        var e = Assert.ThrowsAny<Exception>(() => FeatureFiles.Read(File(json), out _));
        Assert.True(e is FormatException or System.Text.Json.JsonException, e.GetType().Name);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void The_first_feature_that_cannot_be_read_is_named_by_its_number()
    {
        var features = Enumerable.Range(1, 3_000).Select(Point).ToList();
        features[2_499] = """{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[113.6,34.8],[113.7,34.8],[113.7,34.9],[113.6,34.9]]]},"properties":{}}""";
        features[2_799] = """{"type":"Feature","geometry":{"type":"Point","coordinates":"x"},"properties":{}}""";
        var e = Assert.Throws<FormatException>(() => FeatureFiles.Read(File($$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}"""), out _));
        Assert.StartsWith("feature 2500 cannot be read", e.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
