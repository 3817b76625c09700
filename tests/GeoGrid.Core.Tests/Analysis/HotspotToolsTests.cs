using System.Globalization;
using GeoGrid.Core.Analysis.Hotspots;
using GeoGrid.Core.Analysis.Statistics;
using GeoGrid.Testing;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Tests.Analysis;

public sealed class HotspotToolsTests
{
    private static Coordinate[] Scatter(int n, int seed, double side = 10_000)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => new Coordinate(500_000 + (random.NextDouble() * side), 3_850_000 + (random.NextDouble() * side))).ToArray();
    }

    [Theory]
    [InlineData(BinShape.Hexagon)]
    [InlineData(BinShape.Square)]
    public void BinsKeepEveryIncidentInTheCellThatContainsIt(BinShape shape)
    {
        var points = Scatter(5_000, 7);
        var bins = Binning.Aggregate(points, 400, shape);

        Assert.Equal(points.Length, bins.Sum(b => b.Count));
        var expectedArea = shape == BinShape.Square ? 400.0 * 400 : Math.Sqrt(3) / 2 * 400 * 400;
        Assert.All(bins, b => Assert.Equal(expectedArea, b.Polygon.Area, 1e-3 * expectedArea));
        // Tessellation: no two cells overlap, and each incident lies in the cell it was counted in.
        var factory = new GeometryFactory();
        var tree = new NetTopologySuite.Index.Strtree.STRtree<Bin>();
        bins.ToList().ForEach(b => tree.Insert(b.Polygon.EnvelopeInternal, b));
        var counted = points.Select(p => tree.Query(new Envelope(p)).Single(b => b.Polygon.Contains(factory.CreatePoint(p)))).GroupBy(b => b.Key).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(bins.Where(b => b.Count > 0), b => Assert.Equal(b.Count, counted.GetValueOrDefault(b.Key)));
    }

    [Fact]
    public void EmptyCellsInsideTheStudyAreaAreKept()
    {
        // Incidents only at two ends of a 10 km diagonal band: the cells between them count zero.
        Coordinate[] points = [.. Scatter(200, 1, 500), .. Scatter(200, 2, 500).Select(p => new Coordinate(p.X + 9_500, p.Y + 9_500))];
        var bins = Binning.Aggregate(points, 400, BinShape.Square);
        Assert.Equal(400, bins.Sum(b => b.Count));
        Assert.Contains(bins, b => b.Count == 0 && b.Centre.Distance(new Coordinate(505_000, 3_855_000)) < 400);
    }

    [Fact]
    public void BinSizeZeroIsRefusedNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Binning.Aggregate(Scatter(10, 1), 0, BinShape.Hexagon));
        Assert.Equal("size", e.ParamName);
    }

    [Fact]
    public async Task MoransIEqualsSpdepMoranTest()
    {
        var points = Scatter(300, 3);
        var values = points.Select(p => Math.Round((p.X - 500_000) / 1000 + (new Random((int)p.Y).NextDouble() * 5))).ToArray();
        var band = SpatialWeights.SmallestBand(points) * 1.5;
        var ours = MoransI.Compute(values, SpatialWeights.DistanceBand(points, band));

        var file = Path.GetTempFileName();
        await File.WriteAllLinesAsync(file, ["x,y,v", .. points.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{p.X:R},{p.Y:R},{values[i]:R}"))]);
        var output = await ExternalTool.RunAsync("Rscript", Path.Combine(AppContext.BaseDirectory, "Analysis", "spdep_moran.R"), file, band.ToString("R", CultureInfo.InvariantCulture));
        File.Delete(file);
        var r = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(r[0], ours.I, 1e-9);
        Assert.Equal(r[1], ours.Expected, 1e-12);
        Assert.Equal(r[2], ours.Variance, 1e-12);
        Assert.Equal(r[3], ours.Z, 1e-9);
        Assert.Equal(r[4], ours.P, 1e-9);
        Assert.True(ours.Z > 3, "values trend west to east, so they are autocorrelated");
    }

    [Fact]
    public void IncrementalAutocorrelationPeaksNearTheScaleOfThePattern()
    {
        // Blobs 2 km apart of radius ~600 m: clustering is strongest at a band of about their size.
        var random = new Random(11);
        var xy = new List<Coordinate>();
        var values = new List<double>();
        for (var gx = 0; gx < 30; gx++)
        {
            for (var gy = 0; gy < 30; gy++)
            {
                var p = new Coordinate(gx * 200.0, gy * 200.0);
                var dx = (p.X % 2000) - 1000;
                var dy = (p.Y % 2000) - 1000;
                xy.Add(p);
                values.Add((Math.Sqrt((dx * dx) + (dy * dy)) < 600 ? 10 : 0) + random.NextDouble());
            }
        }

        var result = IncrementalAutocorrelation.Run(xy, values, steps: 12, start: 200, increment: 200);
        Assert.True(result.IsFirstPeak);
        Assert.InRange(result.PeakDistance, 400, 1200);
        Assert.Equal(12, result.Steps.Count);
    }

    [Fact]
    public void MannKendallSeesTrendsAndTies()
    {
        var up = MannKendall.Test([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal(45, up.S);
        Assert.Equal(125, up.Variance, 1e-12); // n(n−1)(2n+5)/18 for n = 10
        Assert.Equal(44 / Math.Sqrt(125), up.Z, 1e-12);
        Assert.Equal(1, up.Tau);
        Assert.True(up.P < 0.001);

        var tied = MannKendall.Test([1, 1, 2, 2, 2, 3]);
        // Ties: 2 of one value and 3 of another remove (2·1·9 + 3·2·11)/18 from 6·5·17/18.
        Assert.Equal(((6 * 5 * 17) - (2 * 1 * 9) - (3 * 2 * 11)) / 18.0, tied.Variance, 1e-12);
        Assert.True(MannKendall.Test([3, 1, 3, 1, 3, 1, 3, 1]).P > 0.3, "an oscillation is no trend");
    }

    public static TheoryData<int[], double, EmergingCategory> Series => new()
    {
        { [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0, EmergingCategory.NoPattern },
        { [0, 0, 0, 0, 0, 0, 0, 0, 0, 2], 0, EmergingCategory.NewHot },
        { [0, 0, 0, 0, 0, 0, 0, 1, 2, 3], 0, EmergingCategory.ConsecutiveHot },
        { [2, 2, 2, 2, 2, 2, 2, 2, 2, 3], 1, EmergingCategory.IntensifyingHot },
        { [2, 2, 2, 2, 2, 2, 2, 2, 2, 3], 0, EmergingCategory.PersistentHot },
        { [3, 3, 3, 3, 3, 3, 3, 3, 3, 1], -1, EmergingCategory.DiminishingHot },
        { [0, 2, 0, 0, 2, 0, 0, 0, 0, 2], 0, EmergingCategory.SporadicHot },
        { [0, -2, 0, 0, 2, 0, 0, 0, 0, 2], 0, EmergingCategory.OscillatingHot },
        { [2, 2, 2, 2, 2, 2, 2, 2, 2, 0], 0, EmergingCategory.HistoricalHot },
        { [0, 0, 0, 0, 0, 0, 0, 0, 0, -1], 0, EmergingCategory.NewCold },
        { [-2, -2, -2, -2, -2, -2, -2, -2, -2, -2], -1, EmergingCategory.IntensifyingCold },
        { [0, 3, 0, 0, 0, -2, 0, -1, 0, -2], 0, EmergingCategory.OscillatingCold },
    };

    [Theory]
    [MemberData(nameof(Series))]
    public void EmergingCategoriesFollowArcGisDefinitions(int[] bins, double trendSign, EmergingCategory expected)
    {
        // A trend of the given sign, significant when non-zero.
        var trend = new MannKendall.Result(trendSign * 30, 125, trendSign * 3, trendSign == 0 ? 0.5 : 0.001, trendSign);
        Assert.Equal(expected, EmergingHotspots.Categorise(bins, trend));
    }

    [Fact]
    public void EmergingHotspotsFindANewHotSpotInTheLastMonths()
    {
        var random = new Random(5);
        var points = new List<Coordinate>();
        var steps = new List<int>();
        for (var month = 0; month < 12; month++)
        {
            foreach (var p in Scatter(150, (month * 31) + 1))
            {
                points.Add(p);
                steps.Add(month);
            }

            if (month >= 10)
            {
                // From month 10 on, a burst of incidents around one place.
                for (var k = 0; k < 80; k++)
                {
                    points.Add(new Coordinate(507_000 + (random.NextDouble() * 600), 3_857_000 + (random.NextDouble() * 600)));
                    steps.Add(month);
                }
            }
        }

        var result = EmergingHotspots.Run(Binning.Aggregate(points, 500, BinShape.Hexagon, steps, 12), 12, binSize: 500);
        var burst = result.Bins.Where(b => b.Bin.Polygon.Distance(new GeometryFactory().CreatePoint(new Coordinate(507_300, 3_857_300))) == 0).ToList();
        Assert.NotEmpty(burst);
        Assert.All(burst, b => Assert.Contains(b.Category, new[] { EmergingCategory.NewHot, EmergingCategory.ConsecutiveHot }));
        Assert.True(result.Bins.Count(b => b.Category is EmergingCategory.ConsecutiveHot) >= 1);
    }

    [Fact]
    public void BenjaminiHochbergEqualsTheTextbookSteps()
    {
        double[] p = [0.01, 0.04, 0.03, 0.005, 0.2];
        // Sorted: .005 .01 .03 .04 .2 → ×5/rank: .025 .025 .05 .05 .2, then running minimum from the top.
        Assert.Equal([0.025, 0.05, 0.05, 0.025, 0.2], FalseDiscoveryRate.BenjaminiHochberg(p).Select(v => Math.Round(v, 12)).ToArray());
    }

    [Fact]
    public void RRandomDrawsWhatRDraws()
    {
        // set.seed(42); runif(3) and sample.int(10, 5, replace = TRUE) in R 4.x.
        var random = new RRandom(42);
        Assert.Equal(0.914806043496355, random.NextUniform(), 1e-15);
        Assert.Equal(0.937075413297862, random.NextUniform(), 1e-15);
        Assert.Equal(0.286139534786344, random.NextUniform(), 1e-15);
        var sample = new RRandom(42);
        Assert.Equal([1, 5, 1, 9, 10], Enumerable.Range(0, 5).Select(_ => sample.NextIndex(10) + 1).ToArray());
    }
}
