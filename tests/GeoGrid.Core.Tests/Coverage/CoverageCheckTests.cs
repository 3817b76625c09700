using GeoGrid.Core.Coverage;
using GeoGrid.Core.Tests.Demo;
using NetTopologySuite.IO;

namespace GeoGrid.Core.Tests.Coverage;

public sealed class CoverageCheckTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static readonly WKTReader s_wkt = new();

    // A 0.01° square near Zhengzhou (about 1.1 × 0.9 km) and children drawn in it.
    private const string Parent = "POLYGON ((113.60 34.80, 113.61 34.80, 113.61 34.81, 113.60 34.81, 113.60 34.80))";

    private static CoverageCheck.Child C(string code, string wkt, int? workers = 1) => new(code, s_wkt.Read(wkt), workers);

    [Fact]
    public void Children_that_tile_the_parent_have_no_problem()
    {
        var problems = CoverageCheck.Check(s_wkt.Read(Parent),
        [
            C("a", "POLYGON ((113.60 34.80, 113.605 34.80, 113.605 34.81, 113.60 34.81, 113.60 34.80))"),
            C("b", "POLYGON ((113.605 34.80, 113.61 34.80, 113.61 34.81, 113.605 34.81, 113.605 34.80))"),
        ]);
        Assert.Empty(problems);
    }

    [Fact]
    public void Gaps_overlaps_and_spill_outside_the_parent_are_found_with_their_area_and_grids()
    {
        var problems = CoverageCheck.Check(s_wkt.Read(Parent),
        [
            C("a", "POLYGON ((113.60 34.80, 113.606 34.80, 113.606 34.81, 113.60 34.81, 113.60 34.80))"),
            C("b", "POLYGON ((113.605 34.80, 113.609 34.80, 113.609 34.811, 113.605 34.811, 113.605 34.80))"),
        ]);

        var overlap = Assert.Single(problems, p => p.Kind == CoverageProblemKind.Overlap);
        Assert.Equal(["a", "b"], overlap.Grids);
        // 0.001° × 0.01° at 34.8°N is about 91.5 m × 1,109 m.
        Assert.InRange(overlap.AreaSquareMetres, 100_000, 103_000);
        var gap = Assert.Single(problems, p => p.Kind == CoverageProblemKind.Gap);
        Assert.Equal(["b"], gap.Grids);
        Assert.InRange(gap.AreaSquareMetres, 100_000, 103_000);
        var outside = Assert.Single(problems, p => p.Kind == CoverageProblemKind.OutsideParent);
        Assert.Equal(["b"], outside.Grids);
        // 0.004° × 0.001°: about 366 m × 111 m.
        Assert.InRange(outside.AreaSquareMetres, 40_000, 41_000);
    }

    [Fact]
    public void Invalid_multipart_sliver_and_unstaffed_grids_are_named()
    {
        var problems = CoverageCheck.Check(null,
        [
            C("bowtie", "POLYGON ((113.60 34.80, 113.61 34.81, 113.61 34.80, 113.60 34.81, 113.60 34.80))"),
            C("two", "MULTIPOLYGON (((113.62 34.80, 113.63 34.80, 113.63 34.81, 113.62 34.80)), ((113.64 34.80, 113.65 34.80, 113.65 34.81, 113.64 34.80)))"),
            C("tiny", "POLYGON ((113.66 34.80, 113.6601 34.80, 113.6601 34.8001, 113.66 34.8001, 113.66 34.80))"),
            C("empty", "POLYGON ((113.67 34.80, 113.68 34.80, 113.68 34.81, 113.67 34.81, 113.67 34.80))", workers: 0),
        ], sliverArea: 1_000);

        Assert.Equal(["bowtie"], problems.Where(p => p.Kind == CoverageProblemKind.InvalidGeometry).SelectMany(p => p.Grids));
        Assert.Equal(["two"], problems.Where(p => p.Kind == CoverageProblemKind.MultiPart).SelectMany(p => p.Grids));
        Assert.Equal(["tiny"], problems.Where(p => p.Kind == CoverageProblemKind.Sliver).SelectMany(p => p.Grids));
        Assert.Equal(["empty"], problems.Where(p => p.Kind == CoverageProblemKind.NoWorker).SelectMany(p => p.Grids));
    }

    [Fact]
    public void The_demo_villages_of_gaocun_cover_the_town_exactly()
    {
        var town = demo.Dataset.Grids.Single(g => g.Code == "G410182201");
        var villages = demo.Dataset.Grids.Where(g => g.ParentCode == town.Code).Select(g => new CoverageCheck.Child(g.Code, g.Geometry)).ToList();
        Assert.Equal(30, villages.Count);
        Assert.Empty(CoverageCheck.Check(town.Geometry, villages));

        // Move one village's shared edge by dropping it: a gap as large as the village appears.
        var missing = CoverageCheck.Check(town.Geometry, villages.Skip(1).ToList());
        var gap = Assert.Single(missing, p => p.Kind == CoverageProblemKind.Gap);
        Assert.Equal(GeoGrid.Core.Measure.Geodesic.AreaSquareMetres(villages[0].Geometry), gap.AreaSquareMetres, 0.5);
    }
}
