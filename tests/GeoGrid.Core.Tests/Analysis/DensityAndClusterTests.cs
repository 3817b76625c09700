using GeoGrid.Core.Analysis.Clusters;
using GeoGrid.Core.Analysis.Density;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Tests.Analysis;

public sealed class DensityAndClusterTests
{
    [Fact]
    public void QuarticDensityIntegratesToTheNumberOfPoints()
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 500).Select(_ => new Coordinate(random.NextDouble() * 5_000, random.NextDouble() * 5_000)).ToList();
        var kde = new KernelDensity(points, bandwidth: 400);
        var grid = kde.Grid(20);

        // Per km² × cell area in km², over a grid that reaches the bandwidth beyond every point.
        var total = grid.Values.Sum() * (20.0 * 20 / 1e6);
        Assert.Equal(500, total, 500 * 0.005);
        // At a lone point the density is the kernel's peak, 3/(πh²), per km².
        var lone = new KernelDensity([new Coordinate(0, 0)], 1000);
        Assert.Equal(3 / (Math.PI * 1e6) * 1e6, lone.At(new Coordinate(0, 0)), 1e-12);
        Assert.Equal(0, lone.At(new Coordinate(1000, 0)));
    }

    [Fact]
    public void TheGridHoldsTheDensityAtEachCellCentreAndSamplesBetweenThem()
    {
        var random = new Random(8);
        var points = Enumerable.Range(0, 300).Select(_ => new Coordinate(random.NextDouble() * 3_000, random.NextDouble() * 2_000)).ToList();
        var kde = new KernelDensity(points, bandwidth: 350);
        var grid = kde.Grid(40);
        var top = grid.MinY + (grid.Rows * grid.CellSize);
        for (var k = 0; k < grid.Values.Length; k += 97)
        {
            var (r, c) = (k / grid.Columns, k % grid.Columns);
            var centre = new Coordinate(grid.MinX + ((c + 0.5) * grid.CellSize), top - ((r + 0.5) * grid.CellSize));
            Assert.Equal(kde.At(centre), grid.Values[k], 1e-9 * Math.Max(1, kde.At(centre)));
            Assert.Equal(grid.Values[k], grid.Sample(centre.X, centre.Y), 1e-9 * Math.Max(1, grid.Values[k]));
        }

        // Between centres the sample is within a few per cent of the exact density (cell = h / 8.75).
        var between = new Coordinate(1_520, 1_010);
        Assert.Equal(kde.At(between), grid.Sample(between.X, between.Y), 0.03 * kde.At(between) + 1e-6);
    }

    [Fact]
    public void DefaultBandwidthFollowsSilvermansRuleIn2D()
    {
        // Four corners of a 2 km square: SD = Dm = √2 km, so h = 0.9 · min(√2, √(1/ln 2)·√2) km · 4^−0.2.
        Coordinate[] corners = [new(0, 0), new(2000, 0), new(0, 2000), new(2000, 2000)];
        Assert.Equal(0.9 * Math.Sqrt(2) * 1000 * Math.Pow(4, -0.2), KernelDensity.DefaultBandwidth(corners), 1e-9);
    }

    [Fact]
    public void DbscanFindsPlantedClustersAndLeavesNoise()
    {
        var random = new Random(9);
        var points = new List<Coordinate>();
        Coordinate[] centres = [new(1_000, 1_000), new(4_000, 1_500), new(2_500, 4_000)];
        foreach (var c in centres)
        {
            points.AddRange(Enumerable.Range(0, 40).Select(_ => new Coordinate(c.X + (random.NextDouble() * 200), c.Y + (random.NextDouble() * 200))));
        }

        // Sparse noise, far from the clusters and from each other.
        points.AddRange([new(6_000, 6_000), new(8_000, 200), new(200, 8_000)]);
        var clusters = Dbscan.Clusters(points, eps: 100, minPoints: 5);

        Assert.Equal(3, clusters.Count);
        Assert.All(clusters, c => Assert.Equal(40, c.Count));
        Assert.All(clusters, c => Assert.True(c.Hull is Polygon));
        Assert.Equal(-1, Dbscan.Label(points, 100, 5)[^1]);
        Assert.Throws<ArgumentOutOfRangeException>("eps", () => Dbscan.Label(points, 0, 5));
    }
}
