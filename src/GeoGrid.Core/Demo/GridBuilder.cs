using GeoGrid.Core.Domain;
using GeoGrid.Core.Partition;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Demo;

/// <summary>
/// Synthesises town and village polygons inside the real districts (one Voronoi cell per real name)
/// and the three grid levels on top of them: 一级 = town/street, 二级 = village/community, 三级 =
/// blocks or villager groups inside each village. Works in EPSG:4490, so that stored polygons are
/// exactly the ones partitioned (a reprojection round trip is not exact and can make a valid coverage
/// invalid).
/// </summary>
internal sealed class GridBuilder(int seed, LineString river)
{
    /// <summary>高村乡 (荥阳市): the article's 30 二级 and 217 三级 grids and 628 grid workers.</summary>
    public const string GaocunCode = "410182201";
    public const int GaocunLevel3Grids = 217;
    public const int GaocunWorkers = 628;

    // Places the articles put on the Yellow River: their seeds are drawn near the channel.
    private static readonly HashSet<string> s_riverside = ["大河路街道", "花园口镇", "古荥镇", "孙庄村", "黄河桥村"];

    // About 2.5 km: the band in which riverside places get their seeds.
    private const double NearRiverDegrees = 0.025;

    private int _gaocunStaffed;

    public List<AdminArea> Areas { get; } = [];

    public List<Grid> Grids { get; } = [];

    public List<GridWorker> Workers { get; } = [];

    public Dictionary<string, Geometry> GeometryByCode { get; } = [];

    public void Build(IReadOnlyList<(string Code, string Name, Geometry Geometry)> districts, IReadOnlyList<NamedCode> towns, IReadOnlyList<NamedCode> villages)
    {
        var villagesByTown = villages.GroupBy(v => v.ParentCode).ToDictionary(g => g.Key, g => g.OrderBy(v => v.Code, StringComparer.Ordinal).ToList());
        foreach (var (code, name, geometry) in districts)
        {
            AddArea(code, name, AdminLevel.District, null, geometry);
            var districtTowns = towns.Where(t => t.ParentCode == code).OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
            var townCells = Split(geometry, code, districtTowns.Select(t => AdminNames.Short(t.Name)).ToList());
            for (var t = 0; t < districtTowns.Count; t++)
            {
                var town = districtTowns[t];
                AddArea(town.Code, town.Name, AdminLevel.Town, code, townCells[t]);
                var townGrid = AddGrid("G" + town.Code, town.Name + "网格", 1, null, town.Code, townCells[t]);
                BuildVillages(town, townGrid, townCells[t], villagesByTown.GetValueOrDefault(town.Code) ?? []);
            }
        }

        foreach (var grid in Grids.Where(g => g.Level == 1).ToList())
        {
            AssignHeads(grid);
        }
    }

    private void BuildVillages(NamedCode town, Grid townGrid, Geometry townCell, List<NamedCode> villages)
    {
        var shortNames = villages.Select(v => AdminNames.Short(v.Name)).ToList();
        var cells = villages.Count == 0 ? [townCell] : Split(townCell, town.Code, shortNames);
        var level3Counts = Level3Counts(town.Code, villages, cells);
        for (var v = 0; v < cells.Count; v++)
        {
            var code = villages.Count == 0 ? town.Code + "000" : villages[v].Code;
            var name = villages.Count == 0 ? town.Name + "直管片区" : shortNames[v];
            if (villages.Count > 0)
            {
                AddArea(code, name, AdminLevel.Village, town.Code, cells[v]);
            }

            var villageGrid = AddGrid("G" + code, name + "网格", 2, townGrid.Code, villages.Count == 0 ? town.Code : code, cells[v]);
            var community = AdminNames.IsCommunity(villages.Count == 0 ? "社区" : villages[v].Name);
            var blocks = Split(cells[v], code, Enumerable.Range(1, level3Counts[v]).Select(i => $"{i}").ToList(), relaxations: 1);
            for (var b = 0; b < blocks.Count; b++)
            {
                var blockName = community ? $"{name}第{b + 1}网格" : $"{name}{ToChineseNumber(b + 1)}组网格";
                AddGrid($"G{code}-{b + 1:D3}", blockName, 3, villageGrid.Code, villageGrid.AreaCode, blocks[b], community);
            }
        }
    }

    private int[] Level3Counts(string townCode, List<NamedCode> villages, IReadOnlyList<Geometry> cells)
    {
        if (townCode == GaocunCode)
        {
            // 217 三级 grids over 30 villages: seven each, the largest seven villages get an eighth.
            var counts = Enumerable.Repeat(GaocunLevel3Grids / cells.Count, cells.Count).ToArray();
            var largest = Enumerable.Range(0, cells.Count).OrderByDescending(i => cells[i].Area).Take(GaocunLevel3Grids % cells.Count);
            foreach (var i in largest)
            {
                counts[i]++;
            }

            return counts;
        }

        return cells.Select((cell, i) =>
        {
            var community = villages.Count > 0 && AdminNames.IsCommunity(villages[i].Name);
            var km2 = Measure.Geodesic.AreaSquareMetres(cell) / 1e6;
            return community ? Math.Clamp((int)Math.Round(km2 * 4), 3, 8) : Math.Clamp((int)Math.Round(km2 / 1.2), 3, 10);
        }).ToArray();
    }

    private List<Geometry> Split(Geometry parent, string key, IReadOnlyList<string> names, int relaxations = 2)
    {
        if (names.Count <= 1)
        {
            return [parent];
        }

        var random = StableRandom.For(seed, key);
        var locator = new IndexedPointInAreaLocator(parent);
        var pinned = names.Select(n => s_riverside.Contains(n) ? NearRiver(parent, locator, random) : null).ToList();
        return VoronoiPartitioner.Partition(parent, names.Count, random, pinned, relaxations).ToList();
    }

    private Coordinate? NearRiver(Geometry parent, IndexedPointInAreaLocator locator, Random random)
    {
        for (var attempt = 0; attempt < 2000; attempt++)
        {
            var c = VoronoiPartitioner.RandomPointInside(parent, locator, random);
            if (river.Distance(river.Factory.CreatePoint(c)) < NearRiverDegrees)
            {
                return c;
            }
        }

        return null;
    }

    private void AddArea(string code, string name, AdminLevel level, string? parent, Geometry geometry)
    {
        GeometryByCode[code] = geometry;
        Areas.Add(new AdminArea(code, name, level, parent, geometry));
    }

    private Grid AddGrid(string code, string name, int level, string? parent, string areaCode, Geometry geometry, bool urban = false)
    {
        var households = level == 3 ? HouseholdsFor(code, urban) : 0;
        var grid = new Grid(code, name, level, parent, areaCode, households, geometry);
        GeometryByCode[code] = geometry;
        Grids.Add(grid);
        if (level == 3)
        {
            Staff(grid);
        }

        return grid;
    }

    private int HouseholdsFor(string code, bool urban)
    {
        var random = StableRandom.For(seed, "households" + code);
        return urban ? random.Next(300, 800) : random.Next(80, 220);
    }

    private void Staff(Grid grid)
    {
        var random = StableRandom.For(seed, "staff" + grid.Code);
        int count;
        if (grid.Code.StartsWith("G" + GaocunCode, StringComparison.Ordinal))
        {
            // 628 = 1 town head + 30 village heads + 597 workers on 217 grids (163 grids × 3 + 54 × 2).
            count = 2 + (_gaocunStaffed++ < GaocunWorkers - 31 - 2 * GaocunLevel3Grids ? 1 : 0);
        }
        else
        {
            // A few grids outside 高村乡 are left without a worker, as real rosters have vacancies.
            count = random.NextDouble() < 0.003 ? 0 : random.Next(1, 4);
        }

        for (var i = 0; i < count; i++)
        {
            Workers.Add(new GridWorker(grid.Code, PeopleNames.Person(random), WorkerRole.GridWorker, PeopleNames.Phone(random)));
        }
    }

    private void AssignHeads(Grid townGrid)
    {
        var random = StableRandom.For(seed, "heads" + townGrid.Code);
        Workers.Add(new GridWorker(townGrid.Code, PeopleNames.Person(random), WorkerRole.GridHead, PeopleNames.Phone(random)));
        foreach (var village in Grids.Where(g => g.Level == 2 && g.ParentCode == townGrid.Code))
        {
            Workers.Add(new GridWorker(village.Code, PeopleNames.Person(random), WorkerRole.GridHead, PeopleNames.Phone(random)));
        }
    }

    private static string ToChineseNumber(int n)
    {
        const string digits = "零一二三四五六七八九";
        return n switch
        {
            < 10 => digits[n].ToString(),
            10 => "十",
            < 20 => "十" + digits[n % 10],
            _ => digits[n / 10] + "十" + (n % 10 == 0 ? string.Empty : digits[n % 10].ToString()),
        };
    }
}
