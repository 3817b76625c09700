using System.Diagnostics;
using GeoGrid.Core.Coverage;

namespace GeoGrid.Bench;

/// <summary>The coverage check of one parent with N children (a generated clean coverage, one grid removed).</summary>
internal static class CoverageBench
{
    public static Dictionary<string, object> Run(int grids)
    {
        var (parent, cells) = Synthetic.Grids(grids, Math.Sqrt(grids) * 150, 1);
        // One grid left out, so the check has a gap to find and cannot shortcut.
        var children = cells.Skip(1).Select((g, i) => new CoverageCheck.Child($"G{i:D6}", g, 1)).ToList();
        CoverageCheck.Check(parent, children.Take(500).ToList());
        var clock = Stopwatch.StartNew();
        var problems = CoverageCheck.Check(parent, children);
        clock.Stop();
        return new()
        {
            ["bench"] = "coverage",
            ["grids"] = children.Count,
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["problems"] = problems.Count,
            ["by_kind"] = problems.GroupBy(p => p.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            ["gap_m2"] = Math.Round(problems.Where(p => p.Kind == CoverageProblemKind.Gap).Sum(p => p.AreaSquareMetres), 1),
            ["removed_m2"] = Math.Round(GeoGrid.Core.Measure.Geodesic.AreaSquareMetres(cells[0]), 1),
        };
    }
}
