using GeoGrid.Core.Coverage;
using GeoGrid.Core.Demo;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Measure;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace GeoGrid.Core.Tests.Demo;

public sealed class ZhengzhouDemoTests(DemoFixture demo, ITestOutputHelper output) : IClassFixture<DemoFixture>
{
    private DemoDataset Data => demo.Dataset;

    [Fact]
    public void Gaocun_has_the_articles_30_level2_and_217_level3_grids_and_628_workers()
    {
        var level2 = Data.Grids.Where(g => g.Level == 2 && g.ParentCode == "G410182201").ToList();
        var level2Codes = level2.Select(g => g.Code).ToHashSet();
        var level3 = Data.Grids.Where(g => g.Level == 3 && level2Codes.Contains(g.ParentCode!)).ToList();
        var gridCodes = level3.Select(g => g.Code).Concat(level2Codes).Append("G410182201").ToHashSet();
        Assert.Equal(30, level2.Count);
        Assert.Equal(217, level3.Count);
        Assert.Equal(628, Data.Workers.Count(w => gridCodes.Contains(w.GridCode)));
    }

    [Fact]
    public void Gaocun_has_9880_reports_of_which_9765_closed()
    {
        var gaocun = Data.AdminAreas.Single(a => a.Code == "410182201").Geometry;
        var inGaocun = Data.Reports.Where(r => gaocun.Covers(r.Geometry)).ToList();
        Assert.Equal(9880, inGaocun.Count);
        Assert.Equal(9765, inGaocun.Count(r => r.Events[^1].Status == ReportStatus.Closed));
    }

    [Fact]
    public void Districts_are_cleaned_into_a_valid_coverage_with_official_areas()
    {
        var districts = Data.AdminAreas.Where(a => a.Level == AdminLevel.District).ToList();
        Assert.Equal(12, districts.Count);
        Assert.All(districts, d => Assert.True(d.Geometry.IsValid, $"{d.Name}: {new NetTopologySuite.Operation.Valid.IsValidOp(d.Geometry).ValidationError}"));
        Assert.Null(CoverageValidatorResult(districts.Select(d => d.Geometry).ToArray()));
        var km2 = districts.ToDictionary(d => d.Name, d => Geodesic.AreaSquareMetres(d.Geometry) / 1e6);
        output.WriteLine(string.Join(", ", km2.Select(kv => $"{kv.Key} {kv.Value:F1}")) + $"; total {km2.Values.Sum():F1}");
        Assert.InRange(km2["荥阳市"], 943 * 0.98, 943 * 1.02);
        Assert.InRange(km2["惠济区"], 223 * 0.98, 223 * 1.02);
        Assert.InRange(km2.Values.Sum(), 7570 * 0.99, 7570 * 1.01);
    }

    [Fact]
    public void Every_grid_level_is_a_gapless_overlap_free_coverage_of_its_parent()
    {
        var byCode = Data.Grids.ToDictionary(g => g.Code);
        foreach (var family in Data.Grids.Where(g => g.ParentCode is not null).GroupBy(g => g.ParentCode!))
        {
            var children = family.Select(g => g.Geometry).ToArray();
            Assert.Null(CoverageValidatorResult(children));
            var union = NetTopologySuite.Operation.OverlayNG.CoverageUnion.Union(children[0].Factory.BuildGeometry(children));
            var parent = byCode[family.Key].Geometry;
            var diff = parent.SymmetricDifference(union);
            if (diff.Area >= 1e-12)
            {
                output.WriteLine($"{family.Key}: {family.Count()} children, parent {parent.GeometryType} valid={parent.IsValid} area {parent.Area}, union {union.Area}, diff parts {diff.NumGeometries} {string.Join(" | ", Enumerable.Range(0, diff.NumGeometries).Select(i => diff.GetGeometryN(i).ToString()).Take(3))}; parent holes {(parent as Polygon)?.NumInteriorRings}; {diff.EnvelopeInternal}");
            }

            Assert.True(diff.Area < 1e-12, $"{family.Key}: children differ from parent by {diff.Area}");
        }

        Assert.All(Data.Grids, g => Assert.True(g.Geometry is Polygon && g.Geometry.IsValid, g.Code));
        output.WriteLine($"{Data.Grids.Count} grids, {Data.Workers.Count} workers, {Data.Segments.Count} segments, {Data.DutyUnits.Count} duty units, {Data.Sites.Count} sites, {Data.Reports.Count} reports");
    }

    private static string? CoverageValidatorResult(Geometry[] polygons)
    {
        var invalid = NetTopologySuite.Coverage.CoverageValidator.Validate(polygons);
        var bad = invalid.Select((g, i) => (g, i)).Where(p => p.g is not null).ToList();
        return bad.Count == 0 ? null : $"{bad.Count} polygons with invalid coverage edges, first #{bad[0].i}: {bad[0].g}";
    }
}
