using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>
/// A uniform bucket grid over points for fixed-radius searches, stored compactly (bucket starts and
/// point indices in two arrays). Buckets are at least as wide as the radius, so a search reads the
/// 3 × 3 buckets around a point; for the many equal-radius queries of spatial weights this beats a
/// tree several times over. Buckets widen when the radius is small against the extent, keeping
/// their number near 4 per point.
/// </summary>
internal sealed class PointGrid
{
    private readonly IReadOnlyList<Coordinate> _points;
    private readonly double _cell;
    private readonly double _minX;
    private readonly double _minY;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _start;
    private readonly int[] _members;

    public PointGrid(IReadOnlyList<Coordinate> points, double radius)
    {
        _points = points;
        var extent = new Envelope();
        foreach (var p in points)
        {
            extent.ExpandToInclude(p);
        }

        _minX = extent.MinX;
        _minY = extent.MinY;
        _cell = Math.Max(radius, Math.Sqrt(extent.Area / (4.0 * points.Count)));
        _cell = Math.Max(_cell, Math.Max(extent.Width, extent.Height) / 65_536);
        _columns = (int)(extent.Width / _cell) + 1;
        _rows = (int)(extent.Height / _cell) + 1;
        var cellOf = new int[points.Count];
        _start = new int[(_columns * _rows) + 1];
        for (var i = 0; i < points.Count; i++)
        {
            cellOf[i] = (Row(points[i].Y) * _columns) + Column(points[i].X);
            _start[cellOf[i] + 1]++;
        }

        for (var c = 0; c < _columns * _rows; c++)
        {
            _start[c + 1] += _start[c];
        }

        _members = new int[points.Count];
        var fill = (int[])_start.Clone();
        for (var i = 0; i < points.Count; i++)
        {
            _members[fill[cellOf[i]]++] = i;
        }
    }

    /// <summary>Adds to <paramref name="found"/> every other point within <paramref name="radius"/> (≤ the one the grid was built for) of point i, with its distance.</summary>
    public void Within(int i, double radius, List<(int Index, double Distance)> found)
    {
        var p = _points[i];
        var (column, row) = (Column(p.X), Row(p.Y));
        for (var r = Math.Max(0, row - 1); r <= Math.Min(_rows - 1, row + 1); r++)
        {
            var from = _start[(r * _columns) + Math.Max(0, column - 1)];
            var to = _start[(r * _columns) + Math.Min(_columns - 1, column + 1) + 1];
            for (var k = from; k < to; k++)
            {
                var j = _members[k];
                if (j == i)
                {
                    continue;
                }

                var q = _points[j];
                var d = Math.Sqrt(((p.X - q.X) * (p.X - q.X)) + ((p.Y - q.Y) * (p.Y - q.Y)));
                if (d <= radius)
                {
                    found.Add((j, d));
                }
            }
        }
    }

    private int Column(double x) => Math.Min(_columns - 1, (int)((x - _minX) / _cell));

    private int Row(double y) => Math.Min(_rows - 1, (int)((y - _minY) / _cell));
}
