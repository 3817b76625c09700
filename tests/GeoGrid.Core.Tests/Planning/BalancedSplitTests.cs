using GeoGrid.Core.Coverage;
using GeoGrid.Core.Planning;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoGrid.Core.Tests.Planning;

public sealed class BalancedSplitTests
{
    private static readonly Polygon s_grid = (Polygon)new WKTReader().Read(
        "POLYGON ((113.600 34.880, 113.612 34.881, 113.611 34.890, 113.606 34.890, 113.605 34.886, 113.603 34.890, 113.599 34.889, 113.600 34.880))");

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Households_spread_evenly_give_k_contiguous_grids_of_nearly_equal_share_that_cover_the_grid(int k)
    {
        var (suggestion, refusal) = BalancedSplit.Split(s_grid, k, BalancedSplit.Lattice(s_grid, 1200));
        Assert.Null(refusal);
        Assert.Equal(k, suggestion!.Grids.Count);
        Assert.Null(new PlanRules(SliverSquareMetres: 0, NeedleWidthMetres: 0).Check(s_grid, suggestion.Grids.Select((g, i) => new CoverageCheck.Child($"g{i}", g)).ToList()));
        Assert.Equal(1200, suggestion.Weights.Sum(), 6);
        Assert.True(suggestion.CoefficientOfVariation < 0.1, $"CV {suggestion.CoefficientOfVariation}");
        Assert.All(suggestion.Compactness, c => Assert.InRange(c, 0.05, 1));
    }

    [Fact]
    public void Reports_crowded_in_one_corner_give_that_corner_a_small_grid()
    {
        var reports = Enumerable.Range(0, 300).Select(i => new BalancedSplit.Weighted(113.6005 + (i % 20 * 0.0001), 34.8805 + (i / 20 * 0.0001), 1))
            .Concat(Enumerable.Range(0, 100).Select(i => new BalancedSplit.Weighted(113.602 + (i % 10 * 0.0008), 34.882 + (i / 10 * 0.0006), 1))).ToList();
        var (suggestion, _) = BalancedSplit.Split(s_grid, 2, reports);
        Assert.InRange(suggestion!.Weights[0], 175, 225);
        Assert.InRange(suggestion.Weights[1], 175, 225);
        Assert.True(suggestion.Grids.Min(g => g.Area) < s_grid.Area / 4);
    }

    [Fact]
    public void A_k_outside_two_to_fifty_is_refused() => Assert.Equal("k", BalancedSplit.Split(s_grid, 1, []).Refusal!.Rule);
}
