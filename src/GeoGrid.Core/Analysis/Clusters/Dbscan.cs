using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace GeoGrid.Core.Analysis.Clusters;

/// <summary>
/// DBSCAN (Ester et al. 1996) on points in projected metres: a point with at least
/// <c>minPoints</c> points (itself included) within <c>eps</c> is a core point; clusters are the
/// core points reachable from each other and the border points they reach; the rest is noise (−1).
/// </summary>
public static class Dbscan
{
    public sealed record Cluster(int Id, int Count, Geometry Hull, int[] Members);

    public static int[] Label(IReadOnlyList<Coordinate> points, double eps, int minPoints, CancellationToken cancellationToken = default)
    {
        if (!(eps > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be a positive number of metres");
        }

        if (minPoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minPoints), minPoints, "min points must be at least 1");
        }

        var tree = new STRtree<int>();
        for (var i = 0; i < points.Count; i++)
        {
            tree.Insert(new Envelope(points[i]), i);
        }

        tree.Build();
        var neighbourhoods = new int[points.Count][];
        Parallel.For(0, points.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var p = points[i];
            neighbourhoods[i] = tree.Query(new Envelope(p.X - eps, p.X + eps, p.Y - eps, p.Y + eps)).Where(j => points[j].Distance(p) <= eps).ToArray();
        });

        const int unvisited = -2;
        var labels = Enumerable.Repeat(unvisited, points.Count).ToArray();
        var next = 0;
        for (var i = 0; i < points.Count; i++)
        {
            if (labels[i] != unvisited)
            {
                continue;
            }

            if (neighbourhoods[i].Length < minPoints)
            {
                labels[i] = -1;
                continue;
            }

            var id = next++;
            labels[i] = id;
            var queue = new Queue<int>(neighbourhoods[i]);
            while (queue.TryDequeue(out var j))
            {
                if (labels[j] == -1)
                {
                    labels[j] = id; // noise reached from a core point is a border point
                }

                if (labels[j] != unvisited)
                {
                    continue;
                }

                labels[j] = id;
                if (neighbourhoods[j].Length >= minPoints)
                {
                    foreach (var k in neighbourhoods[j])
                    {
                        queue.Enqueue(k);
                    }
                }
            }
        }

        return labels;
    }

    /// <summary>Each cluster as its convex hull (grown by eps/2 where the hull is a point or a line).</summary>
    public static IReadOnlyList<Cluster> Clusters(IReadOnlyList<Coordinate> points, double eps, int minPoints, CancellationToken cancellationToken = default)
    {
        var labels = Label(points, eps, minPoints, cancellationToken);
        var factory = new GeometryFactory();
        return labels.Select((label, i) => (label, i)).Where(x => x.label >= 0).GroupBy(x => x.label).OrderBy(g => g.Key).Select(g =>
        {
            var members = g.Select(x => x.i).ToArray();
            var hull = factory.CreateMultiPointFromCoords(members.Select(m => points[m]).ToArray()).ConvexHull();
            if (hull.Dimension != Dimension.Surface)
            {
                hull = hull.Buffer(eps / 2);
            }

            return new Cluster(g.Key, members.Length, hull, members);
        }).ToList();
    }
}
