using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace GeoGrid.Core.Analysis.Responsibility;

/// <summary>
/// Assigns points to the grid polygon containing them, in-process: an STR-tree over the grids'
/// envelopes and, per grid, an indexed point-in-area locator (built on first use, O(log n) per test).
/// A point on a shared border goes to the grid with the lowest index, so every point gets exactly one.
/// </summary>
public sealed class GridAssigner
{
    private readonly STRtree<int> _tree = new();
    private readonly IReadOnlyList<Geometry> _grids;
    private readonly IndexedPointInAreaLocator?[] _locators;

    public GridAssigner(IReadOnlyList<Geometry> grids)
    {
        _grids = grids;
        _locators = new IndexedPointInAreaLocator?[grids.Count];
        for (var i = 0; i < grids.Count; i++)
        {
            _tree.Insert(grids[i].EnvelopeInternal, i);
        }

        _tree.Build();
    }

    /// <summary>The index of the grid containing (x, y), or −1 when none does.</summary>
    public int Locate(double x, double y)
    {
        var best = -1;
        var at = new Coordinate(x, y);
        foreach (var i in _tree.Query(new Envelope(at)))
        {
            if ((best < 0 || i < best) && Locator(i).Locate(at) != Location.Exterior)
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Every point's grid index (−1 outside all grids), in parallel.</summary>
    public int[] LocateAll(IReadOnlyList<Coordinate> points)
    {
        var result = new int[points.Count];
        Parallel.For(0, points.Count, i => result[i] = Locate(points[i].X, points[i].Y));
        return result;
    }

    private IndexedPointInAreaLocator Locator(int i)
    {
        // A race builds the same locator twice at worst; both are read-only afterwards.
        return _locators[i] ??= new IndexedPointInAreaLocator(_grids[i]);
    }
}
