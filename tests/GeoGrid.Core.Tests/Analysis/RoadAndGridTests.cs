using GeoGrid.Core.Analysis.Responsibility;
using GeoGrid.Core.Analysis.Roads;
using GeoGrid.Core.Crs;
using CrsCode = GeoGrid.Core.Crs.Crs;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Tests.Analysis;

public sealed class RoadAndGridTests
{
    private static readonly GeometryFactory s_factory = new();

    /// <summary>A segment along the parallel at 34.8°N from x0 to x1 metres east of 113.6°E (in 4547).</summary>
    private static LineString Along(double x0, double x1, double offsetNorth = 0)
    {
        var (ox, oy) = Reprojector.Transform(113.6, 34.8, CrsCode.Epsg4490, CrsCode.Epsg4547);
        var line = s_factory.CreateLineString([new(ox + x0, oy + offsetNorth), new(ox + x1, oy + offsetNorth)]);
        return (LineString)Reprojector.Transform(line, CrsCode.Epsg4547, CrsCode.Epsg4490);
    }

    [Fact]
    public void RoadCoverageFindsNoChiefGapsOverlapsAndFarUnits()
    {
        RoadSegmentInput[] segments =
        [
            new("S1", "金水路", 1, "410105", "410105001", "C1", Along(0, 1000)),
            new("S2", "金水路", 2, "410105", "410105001", null, Along(1000, 2000)),
            new("S3", "金水路", 3, "410105", "410105002", "C2", Along(2050, 3000)), // 50 m gap after S2
            new("S4", "金水路", 4, "410105", "410105002", "C2", Along(2900, 4000)), // 100 m over S3
        ];
        DutyUnitInput[] units =
        [
            new("U1", "便民超市", "S1", Along(500, 501, 30).StartPoint),
            new("U2", "远处餐馆", "S1", Along(500, 501, 250).StartPoint),
        ];

        var report = RoadCoverage.Check(segments, units, maxUnitDistance: 100);

        var district = Assert.Single(report.Shares, s => s.Level == "district");
        Assert.Equal(4050, district.LengthMetres, 4050 * 1e-3);
        Assert.Equal(3050.0 / 4050, district.Share, 1e-3);
        Assert.Equal(1, district.WithoutChief);
        Assert.Equal(2, report.Shares.Count(s => s.Level == "street"));

        Assert.Equal(["S2"], Assert.Single(report.Problems, p => p.Kind == RoadProblemKind.NoChief).Involved);
        var gap = Assert.Single(report.Problems, p => p.Kind == RoadProblemKind.Gap);
        Assert.Equal(50, gap.Metres, 0.01);
        Assert.Equal(["S2", "S3"], gap.Involved);
        var overlap = Assert.Single(report.Problems, p => p.Kind == RoadProblemKind.Overlap);
        Assert.Equal(100, overlap.Metres, 1.5);
        var far = Assert.Single(report.Problems, p => p.Kind == RoadProblemKind.DutyUnitFar);
        Assert.Equal("U2", far.Involved[0]);
        Assert.Equal(250, far.Metres, 0.01);
    }

    [Fact]
    public void GridAssignerAgreesWithACoverTestOfEveryGrid()
    {
        // A 20 × 20 lattice of 0.01° cells with one hole, and points everywhere (some in the hole, some outside).
        var grids = new List<Geometry>();
        for (var i = 0; i < 20; i++)
        {
            for (var j = 0; j < 20; j++)
            {
                if (i != 5 || j != 5)
                {
                    grids.Add(s_factory.ToGeometry(new Envelope(113 + (i * 0.01), 113 + ((i + 1) * 0.01), 34 + (j * 0.01), 34 + ((j + 1) * 0.01))));
                }
            }
        }

        var random = new Random(1);
        var points = Enumerable.Range(0, 20_000).Select(_ => new Coordinate(112.99 + (random.NextDouble() * 0.22), 33.99 + (random.NextDouble() * 0.22))).ToList();
        var assigned = new GridAssigner(grids).LocateAll(points);

        for (var k = 0; k < points.Count; k++)
        {
            var point = s_factory.CreatePoint(points[k]);
            var expected = grids.FindIndex(g => g.Covers(point));
            Assert.Equal(expected, assigned[k]);
        }

        Assert.Contains(-1, assigned);
    }
}
