using GeoGrid.Core.Coverage;
using GeoGrid.Core.Planning;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoGrid.Core.Tests.Planning;

public sealed class GridShapesTests
{
    private static readonly WKTReader s_wkt = new();

    // About 900 m × 1100 m near 惠济区.
    private static Geometry Square => s_wkt.Read("POLYGON ((113.60 34.88, 113.61 34.88, 113.61 34.89, 113.60 34.89, 113.60 34.88))");

    [Fact]
    public void A_line_across_a_grid_splits_it_into_pieces_that_cover_it_exactly()
    {
        var (pieces, refusal) = GridShapes.Split(Square, s_wkt.Read("LINESTRING (113.605 34.879, 113.605 34.891)"), 0.00005);
        Assert.Null(refusal);
        Assert.Equal(2, pieces.Count);
        Assert.Equal(Square.Area, pieces.Sum(p => p.Area), 12);
        Assert.Null(new PlanRules().Check(Square, pieces.Select((p, i) => new CoverageCheck.Child($"c{i}", p)).ToList()));
    }

    [Fact]
    public void A_hand_drawn_line_that_stops_just_short_of_the_edge_is_snapped_to_it()
    {
        // Ends 2 m inside the outline on each side: snapped within the 5e-5° (about 5 m) tolerance.
        var (pieces, refusal) = GridShapes.Split(Square, s_wkt.Read("LINESTRING (113.605 34.88002, 113.605 34.88998)"), 0.00005);
        Assert.Null(refusal);
        Assert.Equal(2, pieces.Count);

        var (none, why) = GridShapes.Split(Square, s_wkt.Read("LINESTRING (113.605 34.883, 113.605 34.887)"), 0.00005);
        Assert.Empty(none);
        Assert.Equal("no_split", why!.Rule);
    }

    [Fact]
    public void A_drawn_polygon_cuts_out_its_part()
    {
        var (pieces, refusal) = GridShapes.Split(Square, s_wkt.Read("POLYGON ((113.609 34.885, 113.62 34.885, 113.62 34.895, 113.609 34.895, 113.609 34.885))"), 0.00005);
        Assert.Null(refusal);
        Assert.Equal(2, pieces.Count);
        Assert.Equal(Square.Area, pieces.Sum(p => p.Area), 12);
    }

    [Fact]
    public void Neighbours_merge_into_one_polygon_and_strangers_do_not()
    {
        var (pieces, _) = GridShapes.Split(Square, s_wkt.Read("LINESTRING (113.605 34.879, 113.605 34.891)"), 0.00005);
        var (merged, refusal) = GridShapes.Merge([.. pieces]);
        Assert.Null(refusal);
        Assert.True(merged!.EqualsTopologically(Square));

        var far = s_wkt.Read("POLYGON ((113.70 34.88, 113.71 34.88, 113.71 34.89, 113.70 34.89, 113.70 34.88))");
        Assert.Equal("not_adjacent", GridShapes.Merge([Square, far]).Refusal!.Rule);
    }

    [Fact]
    public void The_rules_refuse_a_gap_an_overlap_a_sliver_and_a_needle_by_name()
    {
        var rules = new PlanRules();
        var west = s_wkt.Read("POLYGON ((113.60 34.88, 113.605 34.88, 113.605 34.89, 113.60 34.89, 113.60 34.88))");
        var eastShort = s_wkt.Read("POLYGON ((113.606 34.88, 113.61 34.88, 113.61 34.89, 113.606 34.89, 113.606 34.88))");
        Assert.Equal("gap", rules.Check(Square, [new("w", west), new("e", eastShort)])!.Rule);
        var eastWide = s_wkt.Read("POLYGON ((113.604 34.88, 113.61 34.88, 113.61 34.89, 113.604 34.89, 113.604 34.88))");
        Assert.Equal("overlap", rules.Check(Square, [new("w", west), new("e", eastWide)])!.Rule);

        // A strip 0.0001° (about 9 m) wide along the west edge: over 2,000 m² but a needle.
        var (strip, rest) = (s_wkt.Read("POLYGON ((113.60 34.88, 113.6001 34.88, 113.6001 34.89, 113.60 34.89, 113.60 34.88))"),
                             s_wkt.Read("POLYGON ((113.6001 34.88, 113.61 34.88, 113.61 34.89, 113.6001 34.89, 113.6001 34.88))"));
        Assert.Equal("needle", rules.Check(Square, [new("s", strip), new("r", rest)])!.Rule);
        Assert.Equal("sliver", new PlanRules(SliverSquareMetres: 20_000).Check(Square, [new("s", strip), new("r", rest)])!.Rule);
    }

    [Fact]
    public void A_circle_is_more_compact_than_a_strip()
    {
        var circle = new Point(113.6, 34.88).Buffer(0.01, 32);
        var strip = s_wkt.Read("POLYGON ((113.60 34.88, 113.6001 34.88, 113.6001 34.89, 113.60 34.89, 113.60 34.88))");
        Assert.InRange(GridShapes.PolsbyPopper(circle), 0.7, 1.0);
        Assert.True(GridShapes.PolsbyPopper(strip) < 0.05);
    }
}
