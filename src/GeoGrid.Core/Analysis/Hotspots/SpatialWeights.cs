using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>
/// Binary spatial weights as neighbour lists (spdep's <c>nb</c> with style "B"): feature i's neighbours
/// are <see cref="Neighbours"/>[i], ascending, never i itself. Coordinates are in metres of a projected
/// CRS (GeoGrid uses EPSG:4547, which keeps distances within 0.01 % across Zhengzhou).
/// </summary>
public sealed class SpatialWeights
{
    private SpatialWeights(int[][] neighbours, string description)
    {
        Neighbours = neighbours;
        Description = description;
    }

    public int[][] Neighbours { get; }

    /// <summary>How the weights were built, e.g. "distance band 812.5 m", for a result's parameters.</summary>
    public string Description { get; }

    public int Count => Neighbours.Length;

    /// <summary>
    /// Neighbours within <paramref name="band"/> metres (inclusive), as <c>dnearneigh(xy, 0, band)</c>.
    /// Distances within 1e-9 of the band, relatively, count as on it: on a lattice of bins the six
    /// neighbours of a hexagon lie at the band give or take the last bit, and must not drop out at random.
    /// </summary>
    public static SpatialWeights DistanceBand(IReadOnlyList<Coordinate> xy, double band)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(band);
        var reach = band * (1 + 1e-9);
        var grid = new PointGrid(xy, reach);
        var result = new int[xy.Count][];
        Parallel.For(0, xy.Count, () => new List<(int Index, double Distance)>(), (i, _, found) =>
        {
            found.Clear();
            grid.Within(i, reach, found);
            var neighbours = new int[found.Count];
            for (var k = 0; k < neighbours.Length; k++)
            {
                neighbours[k] = found[k].Index;
            }

            Array.Sort(neighbours);
            result[i] = neighbours;
            return found;
        }, _ => { });

        return new SpatialWeights(result, $"distance band {band:0.###} m");
    }

    /// <summary>The <paramref name="k"/> nearest other features of each, as <c>knn2nb(knearneigh(xy, k))</c>.</summary>
    public static SpatialWeights KNearest(IReadOnlyList<Coordinate> xy, int k)
    {
        if (k < 1 || k >= xy.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {xy.Count - 1}");
        }

        var nearest = NearestOthers(xy, k);
        var result = nearest.Select(n => n.Select(x => x.Index).Order().ToArray()).ToArray();
        return new SpatialWeights(result, $"{k} nearest neighbours");
    }

    /// <summary>
    /// Polygons sharing at least one boundary point (queen contiguity), as <c>poly2nb(queen = TRUE)</c>,
    /// which also counts boundaries within <paramref name="snap"/> (its default, √ε in CRS units) as
    /// touching: shared vertices computed from two different centres differ in the last bits.
    /// </summary>
    public static SpatialWeights Contiguity(IReadOnlyList<Geometry> polygons, double snap = 1.4901161193847656e-08)
    {
        var tree = new STRtree<int>();
        for (var i = 0; i < polygons.Count; i++)
        {
            tree.Insert(polygons[i].EnvelopeInternal, i);
        }

        tree.Build();
        var result = new int[polygons.Count][];
        Parallel.For(0, polygons.Count, i =>
        {
            var prepared = PreparedGeometryFactory.Prepare(polygons[i]);
            var found = tree.Query(polygons[i].EnvelopeInternal).Where(j => j != i && (prepared.Intersects(polygons[j]) || polygons[i].IsWithinDistance(polygons[j], snap))).ToArray();
            Array.Sort(found);
            result[i] = found;
        });

        return new SpatialWeights(result, "queen contiguity");
    }

    /// <summary>
    /// The smallest distance band that gives every feature at least one neighbour: the largest
    /// nearest-neighbour distance (ArcGIS's and GeoDa's default for fixed distance bands).
    /// </summary>
    public static double SmallestBand(IReadOnlyList<Coordinate> xy)
    {
        if (xy.Count < 2)
        {
            throw new ArgumentException("At least two features are needed for a distance band.", nameof(xy));
        }

        return NearestOthers(xy, 1).Max(n => n[0].Distance);
    }

    /// <summary>Mean distance from each feature to its nearest other feature.</summary>
    public static double MeanNearestDistance(IReadOnlyList<Coordinate> xy) => NearestOthers(xy, 1).Average(n => n[0].Distance);

    public double MeanNeighbourCount => Neighbours.Average(n => n.Length);

    private static (int Index, double Distance)[][] NearestOthers(IReadOnlyList<Coordinate> xy, int k)
    {
        var extent = new Envelope();
        foreach (var p in xy)
        {
            extent.ExpandToInclude(p);
        }

        // Start from the radius that would hold k others if the points were spread evenly, then double
        // for the points in sparse places (each doubling a coarser grid, built once for all of them).
        var radius = Math.Max(Math.Sqrt(extent.Area * (k + 1) / xy.Count / Math.PI), 1e-6);
        var result = new (int, double)[xy.Count][];
        var pending = Enumerable.Range(0, xy.Count).ToList();
        while (pending.Count > 0)
        {
            var grid = new PointGrid(xy, radius);
            var r = radius;
            var missing = new System.Collections.Concurrent.ConcurrentBag<int>();
            Parallel.ForEach(pending, () => new List<(int Index, double Distance)>(), (i, _, found) =>
            {
                found.Clear();
                grid.Within(i, r, found);
                if (found.Count < k)
                {
                    missing.Add(i);
                    return found;
                }

                found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Index.CompareTo(b.Index));
                result[i] = [.. found.GetRange(0, k)];
                return found;
            }, _ => { });
            pending = [.. missing];
            radius *= 2;
        }

        return result;
    }

    private static double Distance(Coordinate a, Coordinate b)
    {
        var dx = a.X - b.X;
        var dy = a.Y - b.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
