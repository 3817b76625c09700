using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoGrid.Core.Coverage;
using GeoGrid.Core.Planning;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace GeoGrid.Core.Tests.Planning;

/// <summary>
/// The two-level property of redrawing: on random two-level coverages (Voronoi cells grouped into
/// parents), random sequences of splits, merges, boundary moves and hand-overs — each taken only when the
/// tree's own check lets it through, as the API does — keep both rules at every step: the parents cover
/// the root exactly, and every parent is exactly the union of its children ("纵向到底").
/// </summary>
public sealed class PlanTreePropertyTests
{
    private static readonly PlanRules s_rules = new(SliverSquareMetres: 0, NeedleWidthMetres: 0);

    /// <summary>Cells of random sites clipped to a ~1 km square, grouped by the nearest of a few parent sites; null when a group is not one polygon.</summary>
    private static PlanTree? Tree(Random random)
    {
        var box = new Envelope(113.60, 113.61, 34.88, 34.89);
        var factory = new GeometryFactory();
        Coordinate Site() => new(box.MinX + (random.NextDouble() * box.Width), box.MinY + (random.NextDouble() * box.Height));
        var builder = new NetTopologySuite.Triangulate.VoronoiDiagramBuilder { ClipEnvelope = box };
        builder.SetSites(Enumerable.Range(0, random.Next(8, 20)).Select(_ => Site()).ToList());
        var frame = factory.ToGeometry(box);
        var cells = builder.GetSubdivision().GetVoronoiCellPolygons(factory).Select(c => OverlayNGRobust.Overlay(c, frame, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection)).OfType<Polygon>().ToList();
        var parents = Enumerable.Range(0, random.Next(2, 4)).Select(_ => Site()).ToList();
        var groups = cells.GroupBy(c => parents.Select((p, i) => (i, d: p.Distance(c.InteriorPoint.Coordinate))).MinBy(t => t.d).i).ToList();
        var grids = new List<PlanGrid>();
        foreach (var group in groups)
        {
            if (OverlayNGRobust.Union(factory.BuildGeometry(group.Cast<Geometry>().ToList())) is not Polygon outline)
            {
                return null;
            }

            grids.Add(new PlanGrid($"P{group.Key}", $"P{group.Key}", 0, outline));
            grids.AddRange(group.Select((c, i) => new PlanGrid($"P{group.Key}.{i}", "c", 10, c, $"P{group.Key}")));
        }

        return new PlanTree(frame, grids);
    }

    /// <summary>The rules with no leniency: no fault anywhere in the tree.</summary>
    private static string? Fault(PlanTree tree)
    {
        foreach (var parent in tree.Grids.Where(g => g.Parent is null).Select(g => (Code: (string?)g.Code, g.Geometry)).Prepend((null, (Polygon)tree.Root)))
        {
            var kids = tree.ChildrenOf(parent.Code);
            if (parent.Code is null || kids.Count > 0)
            {
                if (s_rules.Check(parent.Geometry, kids.Select(k => new CoverageCheck.Child(k.Code, k.Geometry)).ToList()) is { } broken)
                {
                    return $"{parent.Code ?? "root"}: {broken.Rule} {broken.Reason}";
                }
            }
        }

        return tree.Grids.FirstOrDefault(g => g.Parent is null && tree.ChildrenOf(g.Code).Count == 0) is { } empty ? $"{empty.Code} has no children" : null;
    }

    [Property(MaxTest = 30)]
    public Property Random_operations_on_two_levels_keep_both_rules() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var tree = Tree(random);
            if (tree is null || Fault(tree) is not null)
            {
                return true;
            }

            var area = tree.Root.Area;
            for (var step = 0; step < 6; step++)
            {
                var grids = tree.Grids;
                var a = grids[random.Next(grids.Count)];
                var siblings = grids.Where(g => g.Parent == a.Parent && g.Code != a.Code).ToList();
                var e = a.Geometry.EnvelopeInternal;
                var line = a.Geometry.Factory.CreateLineString([
                    new Coordinate(e.MinX - 0.001 + (random.NextDouble() * (e.Width + 0.002)), e.MinY - 0.001),
                    new Coordinate(e.MinX - 0.001 + (random.NextDouble() * (e.Width + 0.002)), e.MaxY + 0.001)]);
                var outcome = random.Next(4) switch
                {
                    0 => tree.Split(a, line, 0.00005),
                    1 when siblings.Count > 0 => tree.Merge([a, siblings[random.Next(siblings.Count)]], null),
                    2 when siblings.Count > 0 => tree.Boundary(a, siblings[random.Next(siblings.Count)], line, 0.00005),
                    _ when a.Parent is not null => tree.Reassign(a, grids.Where(g => g.Parent is null).ElementAt(random.Next(grids.Count(g => g.Parent is null)))),
                    _ => new PlanTree.Outcome(null, new PlanRefusal("none", "nothing drawn", null)),
                };
                if (outcome.Grids is null)
                {
                    continue;
                }

                var next = new PlanTree(tree.Root, outcome.Grids);
                if (next.Check(s_rules, tree) is not null)
                {
                    continue;
                }

                if (Fault(next) is { } fault)
                {
                    throw new InvalidOperationException($"seed {seed} step {step}: {fault}");
                }

                // Nothing lost, nothing added: the leaves still tile the root.
                var leaves = next.Grids.Where(g => next.ChildrenOf(g.Code).Count == 0).Sum(g => g.Geometry.Area);
                if (Math.Abs(leaves - area) > 1e-10)
                {
                    throw new InvalidOperationException($"seed {seed} step {step}: leaves cover {leaves} of {area}");
                }

                tree = next;
            }

            return true;
        });
}
