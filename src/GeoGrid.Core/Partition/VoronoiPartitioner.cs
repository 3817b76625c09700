using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;

namespace GeoGrid.Core.Partition;

/// <summary>
/// Cuts a polygon into N single-part polygons that cover it exactly (横向到边、纵向到底): no gap, no
/// overlap, shared edges identical vertex for vertex. Cells are Voronoi cells of seeds, relaxed a few
/// Lloyd steps so sizes are even. Exactness comes from noding all cell edges and the parent's boundary
/// in one operation and polygonising the result: every face edge then exists once and is shared
/// verbatim, instead of being recomputed by separate clip operations that can disagree in the last bit.
/// Noding is in full floating precision, not snap-rounded: rounding a node that lies on a long parent
/// edge to a grid bends that edge and leaves slivers between the children and their parent.
/// </summary>
public static class VoronoiPartitioner
{
    public static IReadOnlyList<Geometry> Partition(Geometry parent, int count, Random random, IReadOnlyList<Coordinate?>? pinned = null, int relaxations = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count == 1)
        {
            return [parent.Copy()];
        }

        var factory = parent.Factory;
        var locator = new IndexedPointInAreaLocator(parent);
        var seeds = new Coordinate[count];
        for (var i = 0; i < count; i++)
        {
            seeds[i] = pinned is not null && i < pinned.Count && pinned[i] is { } p ? p : RandomPointInside(parent, locator, random);
        }

        for (var r = 0; r < relaxations; r++)
        {
            var relaxed = VoronoiCells(seeds, parent.EnvelopeInternal, factory);
            for (var i = 0; i < count; i++)
            {
                if (pinned is not null && i < pinned.Count && pinned[i] is not null)
                {
                    continue;
                }

                var clipped = relaxed[i].Intersection(parent);
                if (!clipped.IsEmpty)
                {
                    var c = clipped.Centroid.Coordinate;
                    if (locator.Locate(c) == Location.Interior)
                    {
                        seeds[i] = c;
                    }
                }
            }
        }

        var final = VoronoiCells(seeds, parent.EnvelopeInternal, factory);
        var linework = final.Where(c => !c.IsEmpty && c.EnvelopeInternal.Intersects(parent.EnvelopeInternal)).Select(c => c.Boundary).Append(parent.Boundary);
        var result = FaceAssembler.Assemble(linework, count, c => locator.Locate(c) == Location.Interior ? Nearest(seeds, c) : -1, factory);
        MergeDetachedParts(result);
        return result;
    }

    /// <summary>Gives every part but the largest of a multi-part cell to the neighbour that shares the
    /// longest edge with it, so that each cell is a single polygon.</summary>
    public static void MergeDetachedParts(Geometry[] cells)
    {
        for (var pass = 0; pass < 5; pass++)
        {
            var changed = false;
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i] is not MultiPolygon multi)
                {
                    continue;
                }

                var parts = Enumerable.Range(0, multi.NumGeometries).Select(multi.GetGeometryN).OrderByDescending(g => g.Area).ToList();
                var kept = new List<Geometry> { parts[0] };
                foreach (var part in parts.Skip(1))
                {
                    var neighbour = LongestSharedEdge(cells, i, part);
                    if (neighbour < 0)
                    {
                        kept.Add(part);
                        continue;
                    }

                    cells[neighbour] = CoverageUnion.Union(part.Factory.CreateGeometryCollection([cells[neighbour], part]));
                    changed = true;
                }

                cells[i] = kept.Count == 1 ? kept[0] : multi.Factory.BuildGeometry(kept);
            }

            if (!changed)
            {
                return;
            }
        }
    }

    public static int LongestSharedEdge(IReadOnlyList<Geometry> cells, int self, Geometry part)
    {
        var best = -1;
        var bestLength = 0.0;
        var boundary = part.Boundary;
        for (var j = 0; j < cells.Count; j++)
        {
            if (j == self || cells[j].IsEmpty || !cells[j].EnvelopeInternal.Intersects(part.EnvelopeInternal))
            {
                continue;
            }

            var length = boundary.Intersection(cells[j].Boundary).Length;
            if (length > bestLength)
            {
                bestLength = length;
                best = j;
            }
        }

        return best;
    }

    public static Coordinate RandomPointInside(Geometry area, IPointOnGeometryLocator locator, Random random)
    {
        var env = area.EnvelopeInternal;
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            var c = new Coordinate(env.MinX + random.NextDouble() * env.Width, env.MinY + random.NextDouble() * env.Height);
            if (locator.Locate(c) == Location.Interior)
            {
                return c;
            }
        }

        return area.InteriorPoint.Coordinate;
    }

    private static Geometry[] VoronoiCells(Coordinate[] seeds, Envelope parentEnvelope, GeometryFactory factory)
    {
        var clip = new Envelope(parentEnvelope);
        clip.ExpandBy(Math.Max(clip.Width, clip.Height) * 0.1 + 1);
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = clip };
        builder.SetSites(seeds);
        var diagram = builder.GetDiagram(factory);
        var cells = new Geometry[seeds.Length];
        for (var k = 0; k < diagram.NumGeometries; k++)
        {
            var cell = diagram.GetGeometryN(k);
            var site = (Coordinate)cell.UserData;
            cells[Nearest(seeds, site)] = cell;
        }

        for (var i = 0; i < cells.Length; i++)
        {
            // Two seeds that coincide share a cell; the second then gets nothing.
            cells[i] ??= factory.CreatePolygon();
        }

        return cells;
    }

    private static int Nearest(Coordinate[] seeds, Coordinate c)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < seeds.Length; i++)
        {
            var d = seeds[i].Distance(c);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = i;
            }
        }

        return best;
    }
}
