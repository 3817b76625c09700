using GeoGrid.Core.Coverage;
using GeoGrid.Core.Domain;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace GeoGrid.Core.Demo;

/// <summary>
/// Builds the Zhengzhou demo dataset from the real sources, deterministically for a seed: the same
/// seed gives the same dataset on every machine, so the demo and the tests agree.
/// </summary>
public static class ZhengzhouDemo
{
    public const int DefaultSeed = 20201123;

    /// <summary>Polygons are built on a grid of 2⁻²⁴° (about 6 mm): fine enough to keep every vertex where
    /// it was, coarse enough for snap-rounding to make shared edges identical, and the sources' 2⁻¹⁰°
    /// lattice lies exactly on it.</summary>
    public const double GridScale = 1 << 24;

    // The published polygons sit on a 1/1024° lattice: crumbs are below 70,000 m², gaps below 60,000 m².
    private const double CrumbMaxArea = 100_000;
    private const double GapMaxArea = 1_000_000;

    // At Zhengzhou's latitude (34.7°N) one square degree is about 10,190 km²; thresholds only.
    private const double SquareMetresPerSquareDegree = 1.019e10;

    private static readonly (string Name, string Code, int Count)[] s_siteClusters =
    [
        ("孙庄村", "410108101207", 50), ("黄河桥村", "410108101208", 50), ("大河路街道", "410108006", 60),
        ("花园口镇", "410108100", 20), ("巩义市", "410181", 10), ("中牟县", "410122", 10),
    ];

    private static readonly string[] s_riversideDistricts = ["410181", "410182", "410108", "410122"];
    private static readonly string[] s_urbanDistricts = ["410102", "410103", "410104", "410105", "410108"];

    public static DemoDataset Build(DemoSources sources, int seed = DefaultSeed)
    {
        var precision = new PrecisionModel(GridScale);
        var cleaned = CoverageCleaner.Clean(sources.Districts.Select(d => d.Geometry).ToList(), CrumbMaxArea / SquareMetresPerSquareDegree, GapMaxArea / SquareMetresPerSquareDegree, precision);
        var districts = sources.Districts.Select((d, i) => (d.Code, d.Name, Geometry: cleaned.Polygons[i])).ToList();
        var city = UnaryUnionNG.Union(districts.Select(d => d.Geometry).ToList(), districts[0].Geometry.Factory, precision);
        var cityMetric = Metric.From4490(city);

        var riversideExtent = new Envelope();
        foreach (var d in districts.Where(d => s_riversideDistricts.Contains(d.Code)))
        {
            riversideExtent.ExpandToInclude(Metric.From4490(d.Geometry).EnvelopeInternal);
        }

        var riverMetric = RiverBuilder.Centreline(cityMetric, riversideExtent);
        var river = (LineString)Metric.To4490(riverMetric);
        var zones = RiverBuilder.Zones(riverMetric, city, precision);

        var grids = new GridBuilder(seed, river);
        grids.Build(districts, sources.Towns, sources.Villages);

        var roads = new RoadBuilder(seed);
        roads.Build(city, districts.Select(d => (d.Code, d.Geometry)).ToList());

        var floodplainMetric = Metric.From4490(UnaryUnionNG.Union(zones.Select(z => z.Geometry).ToList(), city.Factory, precision));
        var clusters = new List<(string, Geometry, int)>();
        foreach (var (name, code, count) in s_siteClusters)
        {
            if (grids.GeometryByCode.TryGetValue(code, out var area))
            {
                clusters.Add((name, Metric.From4490(area), count));
            }
        }

        var sites = SiteBuilder.Build(seed, clusters, floodplainMetric);

        var gaocunGrids = grids.Grids.Where(g => g.Level == 3 && g.Code.StartsWith("G" + GridBuilder.GaocunCode, StringComparison.Ordinal)).ToList();
        var urban = Metric.From4490(UnaryUnionNG.Union(districts.Where(d => s_urbanDistricts.Contains(d.Code)).Select(d => d.Geometry).ToList(), city.Factory, precision));
        var reports = ReportBuilder.Build(seed, gaocunGrids, urban);

        return new DemoDataset(
            grids.Areas,
            grids.Grids,
            grids.Workers,
            new River("黄河", river),
            zones.Select(z => new FloodplainZone(z.Kind, ZoneName(z.Kind), ZoneRules(z.Kind), z.Geometry)).ToList(),
            roads.Chiefs,
            roads.Segments,
            roads.DutyUnits,
            sites,
            reports);
    }

    private static string ZoneName(FloodplainZoneKind kind) => kind switch
    {
        FloodplainZoneKind.Nentan => "黄河郑州段嫩滩",
        FloodplainZoneKind.Ertan => "黄河郑州段二滩",
        _ => "黄河郑州段高滩",
    };

    private static string ZoneRules(FloodplainZoneKind kind) => kind switch
    {
        FloodplainZoneKind.Nentan => "严禁一切开发建设、采砂取土和种植高秆作物，退耕还湿，恢复自然生态",
        FloodplainZoneKind.Ertan => "严控建设，发展生态农业和湿地公园，禁止新建永久性建筑",
        _ => "有序发展，严格审批，禁止乱占乱建，防洪安全优先",
    };
}
