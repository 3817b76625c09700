using GeoGrid.Core.Domain;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace GeoGrid.Core.Demo;

/// <summary>
/// Synthesises floodplain 四乱 sites clustered on the river by 孙庄村 and 黄河桥村 (古荥镇) and by
/// 大河路街道, as the articles describe, with a lifecycle found → … → accepted in which demolition and
/// clearance follow each other within hours (立拆立清).
/// </summary>
internal static class SiteBuilder
{
    private static readonly DateTimeOffset s_start = new(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset s_end = new(2026, 10, 31, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly Dictionary<SiteCategory, string[]> s_descriptions = new()
    {
        [SiteCategory.Occupation] = ["滩区违规圈占耕地", "私设养殖场占用河道", "违规种植高秆作物阻水"],
        [SiteCategory.Mining] = ["河道非法采砂", "私挖滩地取土", "夜间偷采河砂"],
        [SiteCategory.Dumping] = ["倾倒建筑垃圾", "堆放生活垃圾", "堆放砂石料"],
        [SiteCategory.Building] = ["违建临时板房", "违建看护房", "违建砖混棚舍"],
    };

    /// <summary>Sites in EPSG:4490; <paramref name="floodplainMetric"/> and the anchors' areas are in EPSG:4547.</summary>
    public static List<Site> Build(int seed, IReadOnlyList<(string Anchor, Geometry Metric, int Count)> clusters, Geometry floodplainMetric)
    {
        var sites = new List<Site>();
        var floodplain = floodplainMetric;
        var locator = new IndexedPointInAreaLocator(floodplain);
        foreach (var (anchorName, anchorArea, count) in clusters)
        {
            var random = StableRandom.For(seed, "sites" + anchorName);
            var centre = DistanceOp.NearestPoints(floodplain, anchorArea.Centroid)[0];
            var made = 0;
            for (var attempt = 0; made < count && attempt < count * 1000; attempt++)
            {
                var c = new Coordinate(centre.X + random.Gaussian() * 700, centre.Y + random.Gaussian() * 700);
                if (locator.Locate(c) != Location.Interior)
                {
                    continue;
                }

                made++;
                sites.Add(MakeSite($"SL-{sites.Count + 1:D4}", anchorName, c, floodplain.Factory, random));
            }
        }

        return sites;
    }

    private static Site MakeSite(string code, string anchor, Coordinate at, GeometryFactory factory, Random random)
    {
        var category = (SiteCategory)random.Next(4);
        var description = $"{anchor}附近{s_descriptions[category][random.Next(3)]}";
        Geometry geometry = factory.CreatePoint(at);
        if (category is SiteCategory.Building or SiteCategory.Dumping)
        {
            var half = 8 + random.NextDouble() * 20;
            geometry = factory.ToGeometry(new Envelope(at.X - half, at.X + half, at.Y - half * 0.7, at.Y + half * 0.7));
        }

        var found = random.Between(s_start, s_end);
        var events = new List<SiteEvent> { new(SiteStatus.Found, found, "巡查发现") };
        // Older sites have usually gone through the whole lifecycle; recent ones are still open.
        var age = (s_end - found).TotalDays;
        var lastStep = age > 60 ? (random.NextDouble() < 0.95 ? SiteStatus.Accepted : SiteStatus.Assigned) : (SiteStatus)random.Next(0, 6);
        var t = found;
        var steps = new (SiteStatus Status, double MinHours, double MaxHours, string Note)[]
        {
            (SiteStatus.Verified, 2, 72, "现场核实"),
            (SiteStatus.Assigned, 1, 48, "交办责任网格"),
            (SiteStatus.Demolished, 24, 480, "依法拆除"),
            (SiteStatus.Cleared, 0.5, 24, "立拆立清，清运完毕"),
            (SiteStatus.Accepted, 24, 120, "验收销号"),
        };
        foreach (var (status, min, max, note) in steps)
        {
            if (status > lastStep)
            {
                break;
            }

            t += TimeSpan.FromHours(min + random.NextDouble() * (max - min));
            events.Add(new SiteEvent(status, t, note));
        }

        return new Site(code, category, description, Metric.To4490(geometry), events);
    }
}
