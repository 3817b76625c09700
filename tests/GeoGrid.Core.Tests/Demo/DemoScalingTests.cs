using GeoGrid.Core.Coverage;
using GeoGrid.Core.Demo;

namespace GeoGrid.Core.Tests.Demo;

/// <summary>N× Zhengzhou keeps the city's densities: N times everything, codes unique and consistent, copies beside each other.</summary>
public sealed class DemoScalingTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public void Three_times_Zhengzhou_has_three_times_everything_with_unique_codes_that_still_point_at_each_other()
    {
        var city = demo.Dataset;
        var x3 = DemoScaling.Scale(city, 3);
        Assert.Equal(3 * city.AdminAreas.Count, x3.AdminAreas.Count);
        Assert.Equal(3 * city.Grids.Count, x3.Grids.Count);
        Assert.Equal(3 * city.Workers.Count, x3.Workers.Count);
        Assert.Equal(3 * city.Segments.Count, x3.Segments.Count);
        Assert.Equal(3 * city.DutyUnits.Count, x3.DutyUnits.Count);
        Assert.Equal(3 * city.Sites.Count, x3.Sites.Count);
        Assert.Equal(3 * city.Reports.Count, x3.Reports.Count);
        Assert.Same(city.River, x3.River);

        foreach (var codes in new[] { x3.AdminAreas.Select(a => a.Code), x3.Grids.Select(g => g.Code), x3.Chiefs.Select(c => c.Code), x3.Segments.Select(s => s.Code), x3.DutyUnits.Select(u => u.Code), x3.Sites.Select(s => s.Code), x3.Reports.Select(r => r.Code) })
        {
            var list = codes.ToList();
            Assert.Equal(list.Count, list.Distinct().Count());
        }

        // Every reference resolves inside the scaled data, as the loader's publish step requires.
        var areas = x3.AdminAreas.Select(a => a.Code).ToHashSet();
        var grids = x3.Grids.Select(g => g.Code).ToHashSet();
        Assert.All(x3.AdminAreas.Where(a => a.ParentCode is not null), a => Assert.Contains(a.ParentCode!, areas));
        Assert.All(x3.Grids, g => Assert.Contains(g.AreaCode, areas));
        Assert.All(x3.Grids.Where(g => g.ParentCode is not null), g => Assert.Contains(g.ParentCode!, grids));
        Assert.All(x3.Workers, w => Assert.Contains(w.GridCode, grids));
        Assert.All(x3.Segments, s => Assert.Contains(s.DistrictCode, areas));
        Assert.All(x3.DutyUnits, u => Assert.Contains(u.SegmentCode, x3.Segments.Select(s => s.Code).ToHashSet()));
        Assert.All(x3.AdminAreas, a => Assert.Matches("^[0-9]{6}([0-9]{3}([0-9]{3})?)?$", a.Code));

        // The copies lie beside the city, not on it: the districts of all three still form one coverage.
        var districts = x3.AdminAreas.Where(a => a.Level == Core.Domain.AdminLevel.District).Select(a => new CoverageCheck.Child(a.Code, a.Geometry)).ToList();
        Assert.Equal(3 * city.AdminAreas.Count(a => a.Level == Core.Domain.AdminLevel.District), districts.Count);
        Assert.DoesNotContain(CoverageCheck.Check(null, districts), p => p.Kind == CoverageProblemKind.Overlap);
        Assert.Equal(city.AdminAreas.Sum(a => a.Geometry.Area) * 3, x3.AdminAreas.Sum(a => a.Geometry.Area), 6);
    }
}
