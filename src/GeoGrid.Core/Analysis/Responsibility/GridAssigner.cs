using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;

namespace GeoGrid.Core.Analysis.Responsibility;

/// <summary>
/// Assigns points to the grid polygon containing them, in-process: an STR-tree over the grids'
/// envelopes, then a point-in-polygon test — a plain ray-crossing count for grids of a few dozen
/// vertices (most of them), an indexed locator (built on first use) for big ones. A point on a shared
/// border goes to the grid with the lowest index, so every point gets exactly one.
/// </summary>
public sealed class GridAssigner
{
    private const int IndexedFrom = 64;

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
        var visitor = new Visitor(this, new Coordinate(x, y));
        _tree.Query(new Envelope(x, x, y, y), visitor);
        return visitor.Best;
    }

    /// <summary>Every point's grid index (−1 outside all grids), in parallel.</summary>
    public int[] LocateAll(IReadOnlyList<Coordinate> points)
    {
        var result = new int[points.Count];
        Parallel.For(0, points.Count, i => result[i] = Locate(points[i].X, points[i].Y));
        return result;
    }

    private bool Covers(int i, Coordinate at)
    {
        var grid = _grids[i];
        if (grid.NumPoints < IndexedFrom)
        {
            return SimplePointInAreaLocator.Locate(at, grid) != Location.Exterior;
        }

        // A race builds the same locator twice at worst; both are read-only afterwards.
        var locator = _locators[i] ??= new IndexedPointInAreaLocator(grid);
        return locator.Locate(at) != Location.Exterior;
    }

    private sealed class Visitor(GridAssigner owner, Coordinate at) : IItemVisitor<int>
    {
        public int Best { get; private set; } = -1;

        public void VisitItem(int item)
        {
            if ((Best < 0 || item < Best) && owner.Covers(item, at))
            {
                Best = item;
            }
        }
    }
}
