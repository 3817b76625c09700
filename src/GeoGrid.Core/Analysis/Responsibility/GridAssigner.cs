using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Responsibility;

/// <summary>
/// Assigns points to the grid polygon containing them, in-process. Grids are registered in a uniform
/// bucket grid by envelope (buckets about one grid wide, so a point meets a handful of candidates),
/// then tested exactly: NTS's robust ray-crossing count on the rings of grids with few vertices, an
/// indexed locator (built on first use) for big or multi-part ones. A point on a shared border goes to
/// the grid with the lowest index, so every point gets exactly one.
/// </summary>
public sealed class GridAssigner
{
    private const int IndexedFrom = 64;

    private readonly IReadOnlyList<Geometry> _grids;
    private readonly IndexedPointInAreaLocator?[] _locators;
    private readonly Envelope[] _envelopes;
    private readonly Envelope _extent = new();
    private readonly double _cell;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _start;
    private readonly int[] _members;

    public GridAssigner(IReadOnlyList<Geometry> grids)
    {
        _grids = grids;
        _locators = new IndexedPointInAreaLocator?[grids.Count];
        _envelopes = grids.Select(g => g.EnvelopeInternal).ToArray();
        foreach (var e in _envelopes)
        {
            _extent.ExpandToInclude(e);
        }

        // Buckets the size of an average grid, at most a few million of them.
        var meanArea = _envelopes.Length == 0 ? 1 : _envelopes.Average(e => e.Area);
        _cell = Math.Max(Math.Sqrt(Math.Max(meanArea, 1e-18)), Math.Sqrt(_extent.Area / 4_000_000));
        _columns = Math.Max(1, (int)(_extent.Width / _cell) + 1);
        _rows = Math.Max(1, (int)(_extent.Height / _cell) + 1);
        var counts = new int[(_columns * _rows) + 1];
        ForEachBucket(i => counts[i + 1]++);
        for (var c = 0; c < _columns * _rows; c++)
        {
            counts[c + 1] += counts[c];
        }

        _start = counts;
        _members = new int[counts[^1]];
        var fill = (int[])counts.Clone();
        ForEachBucket((bucket, grid) => _members[fill[bucket]++] = grid);
    }

    /// <summary>The index of the grid containing (x, y), or −1 when none does.</summary>
    public int Locate(double x, double y)
    {
        if (!_extent.Contains(x, y))
        {
            return -1;
        }

        var bucket = (Row(y) * _columns) + Column(x);
        var best = -1;
        var at = new Coordinate(x, y);
        for (var k = _start[bucket]; k < _start[bucket + 1]; k++)
        {
            var i = _members[k];
            if ((best < 0 || i < best) && _envelopes[i].Contains(x, y) && Covers(i, at))
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

    private bool Covers(int i, Coordinate at)
    {
        if (_grids[i] is Polygon { NumPoints: < IndexedFrom } polygon)
        {
            if (RayCrossingCounter.LocatePointInRing(at, polygon.Shell.CoordinateSequence) == Location.Exterior)
            {
                return false;
            }

            // Inside a hole's interior is outside the grid; on the hole's edge is still on the grid.
            return polygon.Holes.All(h => RayCrossingCounter.LocatePointInRing(at, h.CoordinateSequence) != Location.Interior);
        }

        // A race builds the same locator twice at worst; both are read-only afterwards.
        var locator = _locators[i] ??= new IndexedPointInAreaLocator(_grids[i]);
        return locator.Locate(at) != Location.Exterior;
    }

    private void ForEachBucket(Action<int> bucket) => ForEachBucket((b, _) => bucket(b));

    private void ForEachBucket(Action<int, int> visit)
    {
        for (var g = 0; g < _envelopes.Length; g++)
        {
            var e = _envelopes[g];
            for (var r = Row(e.MinY); r <= Row(e.MaxY); r++)
            {
                for (var c = Column(e.MinX); c <= Column(e.MaxX); c++)
                {
                    visit((r * _columns) + c, g);
                }
            }
        }
    }

    private int Column(double x) => Math.Clamp((int)((x - _extent.MinX) / _cell), 0, _columns - 1);

    private int Row(double y) => Math.Clamp((int)((y - _extent.MinY) / _cell), 0, _rows - 1);
}
