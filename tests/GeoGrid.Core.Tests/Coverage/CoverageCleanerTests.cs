using GeoGrid.Core.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoGrid.Core.Tests.Coverage;

public sealed class CoverageCleanerTests
{
    private static readonly WKTReader s_wkt = new();
    private static readonly PrecisionModel s_precision = new(1000);

    [Fact]
    public void A_gap_goes_to_the_neighbour_with_the_longest_shared_edge_and_crumbs_are_dropped()
    {
        // A and B leave a 1×2 hole between them (A shares 2 units of its edge with it, B 1... see below);
        // A also carries a detached crumb.
        var a = s_wkt.Read("MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0), (2 1, 3 1, 3 3, 2 3, 2 1)), ((20 20, 20.1 20, 20.1 20.1, 20 20.1, 20 20)))");
        var b = s_wkt.Read("POLYGON ((2 1, 3 1, 3 2, 2 2, 2 1))");
        var result = CoverageCleaner.Clean([a, b], crumbMaxArea: 0.5, gapMaxArea: 5, s_precision);

        Assert.Single(result.DroppedCrumbs);
        Assert.Single(result.FilledGaps);
        Assert.Equal(1.0, result.FilledGaps[0].Area, 9);
        // The gap (2 1.. 3 3 minus B) touches A on three sides and B on one: A gets it.
        Assert.Equal(16.0 - 1.0, result.Polygons[0].Area, 9);
        Assert.Equal(1.0, result.Polygons[1].Area, 9);
        Assert.All(NetTopologySuite.Coverage.CoverageValidator.Validate(result.Polygons.ToArray()), g => Assert.Null(g));
    }

    [Fact]
    public void Overlaps_are_kept_by_the_first_polygon_only()
    {
        var a = s_wkt.Read("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");
        var b = s_wkt.Read("POLYGON ((1 0, 3 0, 3 2, 1 2, 1 0))");
        var result = CoverageCleaner.Clean([a, b], 0.01, 0.01, s_precision);
        Assert.Single(result.RemovedOverlaps);
        Assert.Equal(4.0, result.Polygons[0].Area, 9);
        Assert.Equal(2.0, result.Polygons[1].Area, 9);
    }
}
