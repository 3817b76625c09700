using GeoGrid.Core.Domain;
using NetTopologySuite.Geometries;
using NetTopologySuite.LinearReferencing;

namespace GeoGrid.Core.Demo;

/// <summary>
/// Synthesises roads under 路长制: real road names at roughly their real places (the five the articles
/// name first), cut into segments of about 600 m, each with a 路长, and 门前四包 shops and units along them.
/// </summary>
internal sealed class RoadBuilder(int seed)
{
    private const double SegmentLength = 600;

    // Name, from (lon, lat), to (lon, lat), and whether the articles name it (those always have a chief).
    private static readonly (string Name, double Lon1, double Lat1, double Lon2, double Lat2, bool Named)[] s_roads =
    [
        ("航海东路", 113.684, 34.7225, 113.800, 34.7225, true),
        ("经八路", 113.6843, 34.768, 113.6843, 34.806, true),
        ("桃贾路", 113.400, 34.800, 113.420, 34.920, true),
        ("莲花街", 113.450, 34.800, 113.600, 34.800, true),
        ("棉纺路", 113.590, 34.764, 113.655, 34.764, true),
        ("花园路", 113.680, 34.750, 113.680, 34.850, false),
        ("文化路", 113.666, 34.760, 113.666, 34.860, false),
        ("农业路", 113.600, 34.785, 113.760, 34.785, false),
        ("金水路", 113.660, 34.763, 113.780, 34.763, false),
        ("中原路", 113.550, 34.748, 113.660, 34.748, false),
        ("建设路", 113.580, 34.757, 113.660, 34.757, false),
        ("大学路", 113.645, 34.690, 113.645, 34.750, false),
        ("嵩山路", 113.617, 34.700, 113.617, 34.780, false),
        ("江山路", 113.645, 34.820, 113.645, 34.900, false),
        ("长兴路", 113.600, 34.845, 113.700, 34.845, false),
        ("迎宾路", 113.600, 34.820, 113.600, 34.900, false),
        ("大河路", 113.580, 34.865, 113.720, 34.865, false),
        ("郑花路", 113.695, 34.830, 113.695, 34.910, false),
        ("京城路", 113.380, 34.760, 113.380, 34.820, false),
        ("索河路", 113.340, 34.790, 113.420, 34.790, false),
    ];

    private static readonly string[] s_shopKinds = ["便利店", "餐馆", "药店", "五金店", "理发店", "水果店", "超市", "茶叶店", "面馆", "快递驿站"];
    private static readonly string[] s_unitKinds = ["社区服务中心", "小学", "派出所", "卫生服务站", "银行网点"];

    public List<RoadChief> Chiefs { get; } = [];

    public List<RoadSegment> Segments { get; } = [];

    public List<DutyUnit> DutyUnits { get; } = [];

    public void Build(Geometry cityUnion, IReadOnlyList<(string Code, Geometry Geometry)> districts)
    {
        // Roads are laid out in metres and stored in EPSG:4490; lines need no exact coverage.
        var factory = cityUnion.Factory;
        var cityMetric = Metric.From4490(cityUnion);
        var chiefByKey = new Dictionary<string, RoadChief>();
        foreach (var road in s_roads)
        {
            var random = StableRandom.For(seed, "road" + road.Name);
            var from = Metric.From4490(factory.CreatePoint(new Coordinate(road.Lon1, road.Lat1))).Coordinate;
            var to = Metric.From4490(factory.CreatePoint(new Coordinate(road.Lon2, road.Lat2))).Coordinate;
            var line = Wiggle(factory, from, to, random).Intersection(cityMetric);
            var sequence = 0;
            foreach (LineString piece in NetTopologySuite.Geometries.Utilities.LinearComponentExtracter.GetLines(line))
            {
                foreach (var segmentLine in Cut(piece))
                {
                    sequence++;
                    var stored = Metric.To4490(segmentLine);
                    var middle = stored.InteriorPoint;
                    var district = districts.FirstOrDefault(d => d.Geometry.Contains(middle)).Code ?? districts.OrderBy(d => d.Geometry.Distance(middle)).First().Code;
                    var chief = ChiefFor(road.Name, road.Named, district, sequence, random, chiefByKey);
                    var code = $"R-{road.Name}-{sequence:D3}";
                    Segments.Add(new RoadSegment(code, road.Name, sequence, district, chief?.Code, stored));
                    AddDutyUnits(code, road.Name, sequence, segmentLine, random);
                }
            }
        }
    }

    private RoadChief? ChiefFor(string road, bool named, string district, int sequence, Random random, Dictionary<string, RoadChief> chiefs)
    {
        // One chief per road and district; the first stretch of each named road has a city-level chief.
        // About 2 % of other segments have no chief, as new or handed-over stretches do in practice.
        if (!named && random.NextDouble() < 0.02)
        {
            return null;
        }

        var level = named && sequence <= 2 ? ChiefLevel.City : sequence % 3 == 0 ? ChiefLevel.Street : ChiefLevel.District;
        var key = $"{road}|{district}|{level}";
        if (!chiefs.TryGetValue(key, out var chief))
        {
            chief = new RoadChief($"C{chiefs.Count + 1:D4}", PeopleNames.Person(random), level, PeopleNames.Phone(random));
            chiefs[key] = chief;
            Chiefs.Add(chief);
        }

        return chief;
    }

    private void AddDutyUnits(string segmentCode, string road, int sequence, LineString segment, Random random)
    {
        var indexed = new LengthIndexedLine(segment);
        var number = sequence * 20;
        var index = 0;
        for (var at = 40.0; at < segment.Length - 20; at += 60 + random.NextDouble() * 60)
        {
            var side = random.Next(2) == 0 ? -1 : 1;
            var offset = side * (15 + random.NextDouble() * 10);
            var point = indexed.ExtractPoint(at, offset);
            var isUnit = random.NextDouble() < 0.15;
            var kind = isUnit ? s_unitKinds[random.Next(s_unitKinds.Length)] : s_shopKinds[random.Next(s_shopKinds.Length)];
            number += 2;
            var name = $"{road}{number}号{kind}";
            DutyUnits.Add(new DutyUnit($"{segmentCode}-{++index:D2}", name, isUnit ? "单位" : "商户", segmentCode, Metric.To4490(segment.Factory.CreatePoint(point))));
        }
    }

    private static LineString Wiggle(GeometryFactory factory, Coordinate from, Coordinate to, Random random)
    {
        var length = from.Distance(to);
        var steps = Math.Max(2, (int)(length / 200));
        var nx = -(to.Y - from.Y) / length;
        var ny = (to.X - from.X) / length;
        var coords = new Coordinate[steps + 1];
        for (var i = 0; i <= steps; i++)
        {
            var t = (double)i / steps;
            var jitter = i == 0 || i == steps ? 0 : (random.NextDouble() - 0.5) * 30;
            coords[i] = new Coordinate(from.X + (to.X - from.X) * t + nx * jitter, from.Y + (to.Y - from.Y) * t + ny * jitter);
        }

        return factory.CreateLineString(coords);
    }

    private static IEnumerable<LineString> Cut(LineString line)
    {
        var indexed = new LengthIndexedLine(line);
        var count = Math.Max(1, (int)Math.Round(line.Length / SegmentLength));
        var step = line.Length / count;
        for (var i = 0; i < count; i++)
        {
            yield return (LineString)indexed.ExtractLine(i * step, i == count - 1 ? line.Length : (i + 1) * step);
        }
    }
}
