using GeoGrid.Core.Coverage;
using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoGrid.Core.Tests.Coverage;

public sealed class CoverageGeneralisationTests
{
    private static readonly WKTReader Wkt = new();

    // Two neighbours sharing the border x = 10 with a wiggle; the left one traces it through a vertex
    // (10, 5) the right one lacks: no gap, no overlap, but edges that do not match vertex for vertex.
    private static Geometry[] Neighbours() =>
    [
        Wkt.Read("POLYGON ((0 0, 10 0, 10.2 2.5, 10 5, 9.8 7.5, 10 10, 0 10, 0 0))"),
        Wkt.Read("POLYGON ((10 0, 20 0, 20 10, 10 10, 9.8 7.5, 10 5, 10.2 2.5, 10 0))").Reverse(),
        Wkt.Read("POLYGON ((20 0, 30 0, 30 10, 20 10, 20 5, 20 0))"),
    ];

    [Fact]
    public void Noding_gives_a_border_the_vertices_either_side_traces_it_through()
    {
        var polygons = Neighbours();
        Assert.NotNull(CoverageValidator.Validate(polygons)[1]);

        var noded = CoverageGeneralisation.Node(polygons, 1e-9);
        Assert.All(CoverageValidator.Validate(noded), f => Assert.Null(f));
        Assert.Contains(new Coordinate(20, 5), noded[1].Coordinates);
        for (var i = 0; i < polygons.Length; i++)
        {
            Assert.True(noded[i].EqualsTopologically(polygons[i]));
        }
    }

    [Fact]
    public void Simplified_together_neighbours_keep_one_shared_border_and_the_wiggle_goes()
    {
        var noded = CoverageGeneralisation.Node(Neighbours(), 1e-9);
        var (together, alone) = CoverageGeneralisation.Simplify(noded, 0.5);
        Assert.Equal(0, alone);
        Assert.All(CoverageValidator.Validate(together), f => Assert.Null(f));
        Assert.Equal(noded.Sum(g => g.Area), together.Sum(g => g.Area), 6);
        Assert.True(together[0].Intersection(together[1]).Area < 1e-9);
        Assert.Equal(together[0].Area + together[1].Area, together[0].Union(together[1]).Area, 9);
        Assert.True(together[0].NumPoints < noded[0].NumPoints);
    }

    [Fact]
    public void A_polygon_whose_edges_overlap_its_neighbour_is_simplified_alone_and_the_rest_together()
    {
        var polygons = Neighbours();
        polygons[2] = Wkt.Read("POLYGON ((19 0, 30 0, 30 10, 19 10, 19 0))");
        var (simplified, alone) = CoverageGeneralisation.Simplify(CoverageGeneralisation.Node(polygons, 1e-9), 0.5);
        Assert.Equal(3, simplified.Length);
        Assert.True(alone >= 1);
        Assert.All(simplified, g => Assert.True(g.IsValid));
    }
}
