using GeoGrid.Core.Import;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoGrid.Core.Tests.Import;

public sealed class FeatureValidatorTests
{
    private static readonly WKTReader s_wkt = new();
    private static readonly Envelope s_zhengzhou = new(112.6, 114.3, 34.2, 35.1);

    private static FeatureRecord Site(string? wkt, params (string Key, object? Value)[] props) =>
        new(7, wkt is null ? null : s_wkt.Read(wkt), props.ToDictionary(p => p.Key, p => p.Value));

    [Fact]
    public void A_complete_site_in_zhengzhou_passes()
    {
        Assert.Empty(FeatureValidator.Validate(Site("POINT (113.6 34.9)", ("category", "乱建"), ("description", "违建板房")), ImportLayer.Sites, s_zhengzhou));
        Assert.Empty(FeatureValidator.Validate(Site("POINT (113.6 34.9)", ("category", "dumping"), ("description", "x"), ("status", "accepted")), ImportLayer.Sites, s_zhengzhou));
    }

    [Fact]
    public void Each_failure_names_the_feature_and_the_field()
    {
        var problems = FeatureValidator.Validate(
            Site("POLYGON ((113.6 34.9, 113.7 35.0, 113.7 34.9, 113.6 35.0, 113.6 34.9))", ("category", "乱画"), ("description", " ")),
            ImportLayer.Sites, s_zhengzhou);

        Assert.All(problems, p => Assert.Equal(7, p.Number));
        Assert.Contains(problems, p => p.Field == "geometry" && p.Reason.Contains("Self-intersection"));
        Assert.Contains(problems, p => p.Field == "category" && p.Reason.Contains("occupation"));
        Assert.Contains(problems, p => p.Field == "description" && p.Reason.Contains("missing"));
    }

    [Fact]
    public void Coordinates_outside_zhengzhou_suggest_a_wrong_crs()
    {
        // Metres in EPSG:4547 read as degrees.
        var problems = FeatureValidator.Validate(Site("POINT (460000 3850000)", ("category", "乱采"), ("description", "采砂")), ImportLayer.Sites, s_zhengzhou);
        Assert.Contains(problems, p => p.Field == "geometry" && p.Reason.Contains("wrong CRS"));
    }

    [Fact]
    public void Missing_geometry_and_wrong_geometry_types_are_refused()
    {
        Assert.Contains(FeatureValidator.Validate(Site(null, ("category", "乱采"), ("description", "d")), ImportLayer.Sites, s_zhengzhou), p => p.Reason.Contains("missing"));
        Assert.Contains(FeatureValidator.Validate(Site("LINESTRING (113.6 34.9, 113.7 34.9)", ("category", "text"), ("text", "t")), ImportLayer.Reports, s_zhengzhou), p => p.Reason.Contains("LineString is not accepted"));
    }
}
