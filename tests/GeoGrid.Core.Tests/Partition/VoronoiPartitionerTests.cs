using GeoGrid.Core.Partition;
using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;


namespace GeoGrid.Core.Tests.Partition;

public sealed class VoronoiPartitionerTests
{
    private static readonly WKTReader s_wkt = new();

    public static TheoryData<string, int, int> Parents => new()
    {
        { "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", 7, 1 },
        // Concave: Voronoi cells cross the notch and would come out in two parts without the merge.
        { "POLYGON ((0 0, 10 0, 10 10, 6 10, 6 2, 4 2, 4 10, 0 10, 0 0))", 9, 2 },
        // Lon/lat-sized, with a hole, as a village around a lake.
        { "POLYGON ((113.1 34.7, 113.2 34.7, 113.2 34.8, 113.1 34.8, 113.1 34.7), (113.14 34.74, 113.16 34.74, 113.16 34.76, 113.14 34.76, 113.14 34.74))", 12, 3 },
    };

    [Theory]
    [MemberData(nameof(Parents))]
    public void Children_are_single_polygons_that_cover_the_parent_exactly(string wkt, int count, int seed)
    {
        var parent = s_wkt.Read(wkt);
        var children = VoronoiPartitioner.Partition(parent, count, new Random(seed));

        Assert.Equal(count, children.Count);
        Assert.All(children, c => Assert.True(c is Polygon && c.IsValid && !c.IsEmpty));
        Assert.All(CoverageValidator.Validate(children.ToArray()), invalid => Assert.Null(invalid));
        var union = NetTopologySuite.Operation.OverlayNG.CoverageUnion.Union(parent.Factory.BuildGeometry(children));
        Assert.True(union.SymmetricDifference(parent).Area < parent.Area * 1e-12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_partition()
    {
        var parent = s_wkt.Read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        var a = VoronoiPartitioner.Partition(parent, 5, new Random(42));
        var b = VoronoiPartitioner.Partition(parent, 5, new Random(42));
        Assert.Equal(a.Select(g => g.ToText()), b.Select(g => g.ToText()));
    }
}
