using GeoGrid.Core.Planning;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoGrid.Core.Tests.Planning;

/// <summary>
/// The plan tree on a small two-level coverage near 惠济区: two towns side by side (W, E), each of two
/// villages (W.1 south, W.2 north; E.1, E.2), each village a 1 km × 0.5 km box.
/// </summary>
public sealed class PlanTreeTests
{
    private static readonly WKTReader s_wkt = new();
    private static readonly PlanRules s_rules = new(SliverSquareMetres: 0, NeedleWidthMetres: 0);

    private static Polygon Box(double x0, double y0, double x1, double y1) =>
        (Polygon)s_wkt.Read(FormattableString.Invariant($"POLYGON (({113.60 + x0} {34.88 + y0}, {113.60 + x1} {34.88 + y0}, {113.60 + x1} {34.88 + y1}, {113.60 + x0} {34.88 + y1}, {113.60 + x0} {34.88 + y0}))"));

    private static PlanTree Towns(Polygon? e2 = null) => new(Box(0, 0, 0.02, 0.01),
    [
        new PlanGrid("W", "西镇", 40, Box(0, 0, 0.01, 0.01)),
        new PlanGrid("E", "东镇", 40, Box(0.01, 0, 0.02, 0.01)),
        new PlanGrid("W.1", "西一", 10, Box(0, 0, 0.01, 0.005), "W"),
        new PlanGrid("W.2", "西二", 30, Box(0, 0.005, 0.01, 0.01), "W"),
        new PlanGrid("E.1", "东一", 15, Box(0.01, 0, 0.02, 0.005), "E"),
        new PlanGrid("E.2", "东二", 25, e2 ?? Box(0.01, 0.005, 0.02, 0.01), "E"),
    ]);

    private static bool Same(Geometry a, Geometry b) => a.SymmetricDifference(b).Area < 1e-12;

    private static LineString NorthSouth(double x) =>
        (LineString)s_wkt.Read(FormattableString.Invariant($"LINESTRING ({113.60 + x} 34.879, {113.60 + x} 34.891)"));

    [Fact]
    public void A_grid_handed_to_another_town_takes_its_shape_out_of_one_chain_and_into_the_other()
    {
        var tree = Towns();
        var outcome = tree.Reassign(tree.Find("W.2")!, tree.Find("E")!);
        Assert.Null(outcome.Refusal);
        var next = new PlanTree(tree.Root, outcome.Grids!);
        Assert.Equal("E", next.Find("W.2")!.Parent);
        Assert.True(Same(next.Find("W")!.Geometry, Box(0, 0, 0.01, 0.005)));
        Assert.True(Same(next.Find("E")!.Geometry, Box(0.01, 0, 0.02, 0.01).Union(Box(0, 0.005, 0.01, 0.01))));
        Assert.IsType<Polygon>(next.Find("E")!.Geometry);
        Assert.Equal((10, 70), (next.Find("W")!.Households, next.Find("E")!.Households));
        Assert.Null(next.Check(s_rules, tree));
    }

    [Fact]
    public void A_hand_over_that_would_part_or_empty_a_grid_or_cross_levels_is_refused_by_name()
    {
        var tree = Towns();
        var twice = new PlanTree(tree.Root, tree.Reassign(tree.Find("W.2")!, tree.Find("E")!).Grids!);
        Assert.Equal("empties", twice.Reassign(twice.Find("W.1")!, twice.Find("E")!).Refusal!.Rule);
        Assert.Equal("level", tree.Reassign(tree.Find("W.2")!, tree.Find("E.1")!).Refusal!.Rule);
        Assert.Equal("reassign", tree.Reassign(tree.Find("W")!, tree.Find("E")!).Refusal!.Rule);
        Assert.Equal("not_siblings", tree.Merge([tree.Find("W.2")!, tree.Find("E.2")!], null).Refusal!.Rule);
    }

    [Fact]
    public void A_town_split_follows_its_villages_edges_and_a_line_that_leaves_them_all_on_one_side_is_refused()
    {
        var tree = Towns();
        // A horizontal line a little north of the villages' shared edge: each village goes whole to the side holding most of it.
        var line = (LineString)s_wkt.Read("LINESTRING (113.599 34.8853, 113.611 34.8853)");
        var outcome = tree.Split(tree.Find("W")!, line, 0.00005);
        Assert.Null(outcome.Refusal);
        var next = new PlanTree(tree.Root, outcome.Grids!);
        var pieces = next.Grids.Where(g => g.Parent is null && g.Code.StartsWith('W')).ToList();
        Assert.Equal(2, pieces.Count);
        Assert.All(pieces, p => Assert.True(Same(p.Geometry, next.ChildrenOf(p.Code).Single().Geometry)));
        Assert.Equal(40, pieces.Sum(p => p.Households));
        Assert.Null(next.Check(s_rules, tree));

        Assert.Equal("follow_children", tree.Split(tree.Find("W")!, (LineString)s_wkt.Read("LINESTRING (113.599 34.8895, 113.611 34.8895)"), 0.00005).Refusal!.Rule);
    }

    [Fact]
    public void A_fault_already_in_the_data_does_not_block_an_edit_elsewhere_but_a_new_one_is_refused()
    {
        // E.2 stops 55 m short of the north edge: an old gap in town E.
        var tree = Towns(Box(0.01, 0.005, 0.02, 0.0095));
        Assert.NotNull(s_rules.Check(tree.Find("E")!.Geometry, tree.ChildrenOf("E").Select(c => new GeoGrid.Core.Coverage.CoverageCheck.Child(c.Code, c.Geometry)).ToList()));

        var split = tree.Split(tree.Find("W.1")!, NorthSouth(0.005), 0.00005);
        Assert.Null(new PlanTree(tree.Root, split.Grids!).Check(s_rules, tree));
        var edited = tree.Grids.Select(g => g.Code == "E.1" ? g with { Households = 99 } : g).ToList();
        Assert.Null(new PlanTree(tree.Root, edited).Check(s_rules, tree));

        // Shrinking W.2 opens a new gap in town W: refused, with the gap as the geometry at fault.
        var shrunk = tree.Grids.Select(g => g.Code == "W.2" ? g with { Geometry = Box(0, 0.005, 0.009, 0.01) } : g).ToList();
        var refusal = new PlanTree(tree.Root, shrunk).Check(s_rules, tree);
        Assert.Equal("gap", refusal!.Rule);
        Assert.True(refusal.At!.Intersects(Box(0.0095, 0.006, 0.0099, 0.009)));
    }
}
