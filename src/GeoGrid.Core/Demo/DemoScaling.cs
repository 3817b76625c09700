using GeoGrid.Core.Domain;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace GeoGrid.Core.Demo;

/// <summary>
/// N× Zhengzhou, for measuring how GeoGrid's costs grow with its data: the demo city and N − 1 copies of
/// it laid beside it (four to a row, eastwards, then a row further north), each with the same areas,
/// grids, workers, road chiefs and segments, 门前四包 units, 四乱 sites and 随手拍 reports — so every
/// density is the city's own, and only the amount grows. The copies are honest fakes: their
/// administrative codes start with 91…99 instead of Zhengzhou's 4101 (no real prefecture has them), their
/// area names carry "·2" … "·10", and every other code ends in "-x2" … "-x10". The Yellow River and its
/// floodplain zones stay the original's (there is one river); sites in a copy lie in no zone.
/// </summary>
public static class DemoScaling
{
    public const int MaxScale = 10;

    private const string CityPrefix = "4101";

    public static DemoDataset Scale(DemoDataset city, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        if (scale == 1)
        {
            return city;
        }

        var extent = new Envelope();
        foreach (var a in city.AdminAreas)
        {
            extent.ExpandToInclude(a.Geometry.EnvelopeInternal);
        }

        var copies = Enumerable.Range(1, scale - 1).Select(k => Copy(city, k, extent)).ToList();
        return new DemoDataset(
            [.. city.AdminAreas, .. copies.SelectMany(c => c.AdminAreas)],
            [.. city.Grids, .. copies.SelectMany(c => c.Grids)],
            [.. city.Workers, .. copies.SelectMany(c => c.Workers)],
            city.River,
            city.Zones,
            [.. city.Chiefs, .. copies.SelectMany(c => c.Chiefs)],
            [.. city.Segments, .. copies.SelectMany(c => c.Segments)],
            [.. city.DutyUnits, .. copies.SelectMany(c => c.DutyUnits)],
            [.. city.Sites, .. copies.SelectMany(c => c.Sites)],
            [.. city.Reports, .. copies.SelectMany(c => c.Reports)]);
    }

    /// <summary>Copy <paramref name="k"/> (1-based; the city itself is 0), moved beside the others with a gap of a tenth of the city between.</summary>
    private static DemoDataset Copy(DemoDataset city, int k, Envelope extent)
    {
        var move = AffineTransformation.TranslationInstance(k % 4 * extent.Width * 1.1, k / 4 * extent.Height * 1.1);
        Geometry Move(Geometry g)
        {
            var moved = move.Transform(g);
            moved.SRID = g.SRID;
            return moved;
        }

        string Area(string code) => code.StartsWith(CityPrefix, StringComparison.Ordinal) ? $"{90 + k}01{code[CityPrefix.Length..]}" : throw new ArgumentException($"area code {code} is not Zhengzhou's");
        string Grid(string code) => code.StartsWith('G') ? "G" + Area(code[1..]) : throw new ArgumentException($"grid code {code} does not start with G");
        string Other(string code) => $"{code}-x{k + 1}";

        return new DemoDataset(
            [.. city.AdminAreas.Select(a => a with { Code = Area(a.Code), Name = $"{a.Name}·{k + 1}", ParentCode = a.ParentCode is { } p && p.StartsWith(CityPrefix, StringComparison.Ordinal) ? Area(p) : a.ParentCode, Geometry = Move(a.Geometry) })],
            [.. city.Grids.Select(g => g with { Code = Grid(g.Code), ParentCode = g.ParentCode is { } p ? Grid(p) : null, AreaCode = Area(g.AreaCode), Geometry = Move(g.Geometry) })],
            [.. city.Workers.Select(w => w with { GridCode = Grid(w.GridCode) })],
            city.River,
            city.Zones,
            [.. city.Chiefs.Select(c => c with { Code = Other(c.Code) })],
            [.. city.Segments.Select(s => s with { Code = Other(s.Code), DistrictCode = Area(s.DistrictCode), ChiefCode = s.ChiefCode is { } c ? Other(c) : null, Geometry = Move(s.Geometry) })],
            [.. city.DutyUnits.Select(u => u with { Code = Other(u.Code), SegmentCode = Other(u.SegmentCode), Geometry = Move(u.Geometry) })],
            [.. city.Sites.Select(s => s with { Code = Other(s.Code), Geometry = Move(s.Geometry) })],
            [.. city.Reports.Select(r => r with { Code = Other(r.Code), Geometry = Move(r.Geometry) })]);
    }
}
