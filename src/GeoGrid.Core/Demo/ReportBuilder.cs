using GeoGrid.Core.Domain;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Demo;

/// <summary>
/// Synthesises 随手拍 reports: the 9,880 of 高村乡 (9,765 closed, as the article reports), spread over
/// its 三级 grids by households, and reports in the urban districts clustered where people live.
/// </summary>
internal static class ReportBuilder
{
    public const int GaocunReports = 9880;
    public const int GaocunClosed = 9765;
    public const int UrbanReports = 12000;

    private static readonly DateTimeOffset s_start = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset s_end = new(2026, 10, 31, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly Dictionary<ReportCategory, string[]> s_texts = new()
    {
        [ReportCategory.Sanitation] = ["路边垃圾未及时清运", "小区门口污水外溢", "绿化带内有大量垃圾"],
        [ReportCategory.CityOrder] = ["店外经营占道", "车辆乱停乱放堵塞通道", "违规张贴小广告"],
        [ReportCategory.RoadFacility] = ["路面坑洼积水", "井盖缺失存在隐患", "路灯不亮"],
        [ReportCategory.Floodplain] = ["滩区有人倾倒垃圾", "河边疑似非法采砂", "滩地新搭建棚房"],
        [ReportCategory.Safety] = ["电动车楼道充电", "老旧电线私拉乱接", "消防通道被堵"],
        [ReportCategory.Dispute] = ["邻里噪音纠纷", "宅基地边界纠纷", "物业费用纠纷"],
        [ReportCategory.Other] = ["流浪犬伤人隐患", "公共健身器材损坏", "宣传栏破损"],
    };

    /// <summary>Reports in EPSG:4490; the grids are in EPSG:4490, <paramref name="urbanArea"/> in EPSG:4547.</summary>
    public static List<Report> Build(int seed, IReadOnlyList<Grid> gaocunGrids, Geometry urbanArea)
    {
        var reports = new List<Report>();
        var random = StableRandom.For(seed, "reports-gaocun");
        var open = new HashSet<int>(Enumerable.Range(0, GaocunReports).OrderBy(_ => random.Next()).Take(GaocunReports - GaocunClosed));
        var weights = gaocunGrids.Select(g => (double)g.Households).ToArray();
        var total = weights.Sum();
        var locators = gaocunGrids.Select(g => new IndexedPointInAreaLocator(g.Geometry)).ToArray();
        for (var i = 0; i < GaocunReports; i++)
        {
            var pick = random.NextDouble() * total;
            var g = 0;
            while (g < weights.Length - 1 && (pick -= weights[g]) > 0)
            {
                g++;
            }

            var at = Partition.VoronoiPartitioner.RandomPointInside(gaocunGrids[g].Geometry, locators[g], random);
            reports.Add(MakeReport($"SSP-{reports.Count + 1:D6}", gaocunGrids[g].Geometry.Factory.CreatePoint(at), !open.Contains(i), random));
        }

        random = StableRandom.For(seed, "reports-urban");
        var urbanLocator = new IndexedPointInAreaLocator(urbanArea);
        var centres = Enumerable.Range(0, 40).Select(_ => Partition.VoronoiPartitioner.RandomPointInside(urbanArea, urbanLocator, random)).ToArray();
        var spreads = centres.Select(_ => 300 + random.NextDouble() * 1200).ToArray();
        while (reports.Count < GaocunReports + UrbanReports)
        {
            var k = random.Next(centres.Length);
            var c = new Coordinate(centres[k].X + random.Gaussian() * spreads[k], centres[k].Y + random.Gaussian() * spreads[k]);
            if (urbanLocator.Locate(c) == Location.Interior)
            {
                reports.Add(MakeReport($"SSP-{reports.Count + 1:D6}", (Point)Metric.To4490(urbanArea.Factory.CreatePoint(c)), random.NextDouble() < 0.96, random));
            }
        }

        return reports;
    }

    private static Report MakeReport(string code, Point at, bool closed, Random random)
    {
        var category = (ReportCategory)random.Next(7);
        var text = s_texts[category][random.Next(3)];
        var t = random.Between(s_start, s_end);
        var events = new List<ReportEvent> { new(ReportStatus.Submitted, t, "群众随手拍上报") };
        var last = closed ? ReportStatus.Closed : (ReportStatus)random.Next(0, 3);
        if (last >= ReportStatus.Routed)
        {
            t += TimeSpan.FromMinutes(5 + random.NextDouble() * 55);
            events.Add(new ReportEvent(ReportStatus.Routed, t, "分派至所在网格"));
        }

        if (last >= ReportStatus.InProgress)
        {
            t += TimeSpan.FromHours(0.5 + random.NextDouble() * 24);
            events.Add(new ReportEvent(ReportStatus.InProgress, t, "网格员到场处置"));
        }

        if (last == ReportStatus.Closed)
        {
            t += TimeSpan.FromHours(1 + random.NextDouble() * 240);
            events.Add(new ReportEvent(ReportStatus.Closed, t, "办结"));
        }

        return new Report(code, category, text, at, events);
    }
}
