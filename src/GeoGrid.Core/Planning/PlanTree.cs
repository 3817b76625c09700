using GeoGrid.Core.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace GeoGrid.Core.Planning;

/// <summary>
/// A plan's grids as the tree they make under the plan's root (the grid or district it was opened on):
/// every grid below the root, each naming its parent. The operations — split, merge, move a shared
/// boundary, hand a grid to another parent — answer the tree's next grids, or why not.
/// </summary>
/// <remarks>
/// A grid with grids inside changes along their edges: a line drawn across it decides which side each
/// child goes to whole (the side holding most of it), and the new outlines are the unions of the
/// children on each side, so "纵向到底" (every level nested exactly in the one above) stays true by
/// construction. A grid handed to another parent takes its own children with it; the old parent gives
/// up its shape and the new one takes it, and so do theirs, up to the grid both chains share.
/// </remarks>
public sealed class PlanTree
{
    private readonly Dictionary<string, PlanGrid> _byCode;
    private readonly ILookup<string, PlanGrid> _children;

    public PlanTree(Geometry root, IReadOnlyList<PlanGrid> grids)
    {
        Root = root;
        Grids = grids;
        _byCode = grids.ToDictionary(g => g.Code, StringComparer.Ordinal);
        _children = grids.ToLookup(g => Key(g.Parent), StringComparer.Ordinal);
    }

    /// <summary>An operation's answer: the plan's grids after it, or the rule it would break.</summary>
    public readonly record struct Outcome(IReadOnlyList<PlanGrid>? Grids, PlanRefusal? Refusal)
    {
        public static Outcome Refused(string rule, string reason, Geometry? at) => new(null, new PlanRefusal(rule, reason, at));
    }

    public Geometry Root { get; }

    public IReadOnlyList<PlanGrid> Grids { get; }

    public PlanGrid? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The grids whose parent is <paramref name="parent"/> (null: the plan's root).</summary>
    public IReadOnlyList<PlanGrid> ChildrenOf(string? parent) => _children[Key(parent)].ToList();

    /// <summary>1 for the root's children, 2 for theirs, …</summary>
    public int Depth(PlanGrid grid)
    {
        var depth = 1;
        for (var g = grid; g.Parent is { } p; g = _byCode[p])
        {
            depth++;
        }

        return depth;
    }

    /// <summary>Splits a grid by a drawn line or polygon (ends snapped within <paramref name="snapDegrees"/>).</summary>
    public Outcome Split(PlanGrid target, Geometry cut, double snapDegrees)
    {
        var (pieces, refusal) = GridShapes.Split(target.Geometry, cut, snapDegrees);
        return refusal is not null ? new Outcome(null, refusal) : Divide(target, pieces, cut);
    }

    /// <summary>
    /// Replaces a grid by <paramref name="pieces"/> of it (a split's, or a suggestion's); a grid with grids
    /// inside is divided along their edges, each going whole to the piece that holds most of it.
    /// </summary>
    public Outcome Divide(PlanGrid target, IReadOnlyList<Polygon> pieces, Geometry? drawn = null)
    {
        var kids = ChildrenOf(target.Code);
        if (kids.Count == 0)
        {
            return new Outcome(Replace(target, pieces.Select(p => (p, p.Area, (IReadOnlyList<PlanGrid>)[])).ToList()), null);
        }

        var groups = Assign(kids, pieces).Where(g => g.Count > 0).ToList();
        if (groups.Count < 2)
        {
            return Outcome.Refused("follow_children", $"the line leaves all {kids.Count} grids inside {target.Code} on one side; a grid with grids inside is split along their edges, each going whole to the side that holds most of it", drawn);
        }

        var (tiles, broken) = Tile(target.Geometry, groups);
        if (broken is not null)
        {
            return Outcome.Refused("multi_part", $"the grids of {target.Code} on one side of the line are not one piece", broken);
        }

        var shapes = groups.Select((group, i) => (tiles[i], group.Sum(g => (double)g.Households), (IReadOnlyList<PlanGrid>)group)).ToList();
        return new Outcome(Replace(target, shapes), null);
    }

    /// <summary>Merges siblings into the first of them, which takes the others' children.</summary>
    public Outcome Merge(IReadOnlyList<PlanGrid> merging, string? name)
    {
        if (merging.Select(m => m.Parent).Distinct().Count() > 1)
        {
            return Outcome.Refused("not_siblings", $"{string.Join(", ", merging.Select(m => $"{m.Code} (in {m.Parent ?? "the plan's root"})"))} have different parents: hand one to the other's parent first", null);
        }

        var (merged, refusal) = GridShapes.Merge(merging.Select(c => (Geometry)c.Geometry).ToList());
        if (refusal is not null)
        {
            return new Outcome(null, refusal);
        }

        var keep = merging[0] with { Geometry = merged!, Households = merging.Sum(c => c.Households), Population = Sum(merging.Select(c => c.Population)), Name = name ?? merging[0].Name };
        var gone = merging.Skip(1).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        return new Outcome(Grids
            .Where(g => !gone.Contains(g.Code))
            .Select(g => g.Code == keep.Code ? keep : g.Parent is { } p && gone.Contains(p) ? g with { Parent = keep.Code } : g)
            .ToList(), null);
    }

    /// <summary>
    /// Redraws the edge between two siblings as <paramref name="line"/>: both change together, each
    /// keeping the side that holds most of what it had, so nothing outside the two moves.
    /// </summary>
    public Outcome Boundary(PlanGrid a, PlanGrid b, Geometry line, double snapDegrees)
    {
        if (a.Parent != b.Parent)
        {
            return Outcome.Refused("not_siblings", $"{a.Code} and {b.Code} have different parents; a boundary is moved between two grids of one parent", null);
        }

        var (both, notNeighbours) = GridShapes.Merge([a.Geometry, b.Geometry]);
        if (notNeighbours is not null)
        {
            return new Outcome(null, notNeighbours);
        }

        var (pieces, refusal) = GridShapes.Split(both!, line, snapDegrees);
        if (refusal is not null)
        {
            return new Outcome(null, refusal);
        }

        if (pieces.Count != 2)
        {
            return Outcome.Refused("boundary", $"the new line divides {a.Code} and {b.Code} into {pieces.Count} parts; a boundary between two grids leaves two", line);
        }

        var kids = ChildrenOf(a.Code).Concat(ChildrenOf(b.Code)).ToList();
        IReadOnlyList<Polygon> shapes = pieces;
        List<List<PlanGrid>> groups = [[], []];
        if (kids.Count > 0)
        {
            groups = Assign(kids, pieces);
            if (groups.Any(g => g.Count == 0))
            {
                return Outcome.Refused("follow_children", $"the line leaves every grid inside {a.Code} and {b.Code} on one side; their boundary follows the edges of the grids inside them", line);
            }

            var (tiles, broken) = Tile(both!, groups);
            if (broken is not null)
            {
                return Outcome.Refused("multi_part", "the grids on one side of the line are not one piece", broken);
            }

            shapes = tiles;
        }

        // Each grid keeps the piece that holds more of its old shape.
        double Shared(Geometry x, Geometry y) => OverlayNGRobust.Overlay(x, y, SpatialFunction.Intersection).Area;
        var aFirst = Shared(shapes[0], a.Geometry) + Shared(shapes[1], b.Geometry) >= Shared(shapes[1], a.Geometry) + Shared(shapes[0], b.Geometry);
        var (aSide, bSide) = aFirst ? (0, 1) : (1, 0);
        // Households go with the children that change sides.
        var toA = groups[aSide].Where(k => k.Parent == b.Code).Sum(k => k.Households) - groups[bSide].Where(k => k.Parent == a.Code).Sum(k => k.Households);
        var newA = a with { Geometry = shapes[aSide], Households = Math.Max(0, a.Households + toA) };
        var newB = b with { Geometry = shapes[bSide], Households = Math.Max(0, b.Households - toA) };
        var sideOf = groups[aSide].ToDictionary(k => k.Code, _ => a.Code, StringComparer.Ordinal);
        foreach (var k in groups[bSide])
        {
            sideOf[k.Code] = b.Code;
        }

        return new Outcome(Grids.Select(g => g.Code == a.Code ? newA : g.Code == b.Code ? newB : sideOf.TryGetValue(g.Code, out var p) ? g with { Parent = p } : g).ToList(), null);
    }

    /// <summary>
    /// Hands <paramref name="grid"/> (with everything inside it) to <paramref name="parent"/>, a grid of
    /// the level its parent has; both parents' outlines follow, and their parents', up to the grid both
    /// chains share (or the plan's root, whose outline never changes).
    /// </summary>
    public Outcome Reassign(PlanGrid grid, PlanGrid parent)
    {
        if (grid.Parent is not { } oldCode)
        {
            return Outcome.Refused("reassign", $"{grid.Code} lies directly in the plan's root; to hand it to another parent, open the plan one level higher (on the grid or district above both parents)", null);
        }

        if (oldCode == parent.Code)
        {
            return Outcome.Refused("reassign", $"{grid.Code} is in {parent.Code} already", null);
        }

        var old = _byCode[oldCode];
        if (Depth(parent) != Depth(old))
        {
            return Outcome.Refused("level", $"{parent.Code} is not at the level of {grid.Code}'s parent {oldCode}: a grid is handed to a grid of its parent's level", null);
        }

        if (ChildrenOf(oldCode).Count == 1)
        {
            return Outcome.Refused("empties", $"{grid.Code} is the only grid in {oldCode}: merge {oldCode} into a neighbour instead", null);
        }

        var next = Grids.ToDictionary(g => g.Code, g => g.Code == grid.Code ? g with { Parent = parent.Code } : g, StringComparer.Ordinal);
        var oldChain = Chain(oldCode);
        var newChain = Chain(parent.Code);
        // Chains are the same length (the parents share a level), so step k of each is one level: each
        // grid on the old chain gives up the moved grid's shape and each on the new one takes it, from
        // the bottom until the chains meet. Only what moved changes — an outline is not rebuilt from its
        // children, which in real data differ from it by small faults of their own.
        for (var k = 0; k < oldChain.Count && oldChain[k] != newChain[k]; k++)
        {
            foreach (var (code, function, sign) in new[] { (oldChain[k], SpatialFunction.Difference, -1), (newChain[k], SpatialFunction.Union, +1) })
            {
                var was = next[code];
                var shape = OverlayNGRobust.Overlay(was.Geometry, grid.Geometry, function);
                if (shape is not Polygon polygon)
                {
                    return Outcome.Refused("not_adjacent", sign > 0
                        ? $"{grid.Code} does not touch {parent.Code}: handed over, {code} would be in {shape.NumGeometries} parts"
                        : $"without {grid.Code}, {code} would be in {shape.NumGeometries} parts", shape);
                }

                next[code] = was with { Geometry = polygon, Households = Math.Max(0, was.Households + (sign * grid.Households)), Population = was.Population is { } p && grid.Population is { } q ? Math.Max(0, p + (sign * q)) : null };
            }
        }

        return new Outcome(Grids.Select(g => next[g.Code]).ToList(), null);
    }

    /// <summary>
    /// The first rule the grids of this tree break that <paramref name="before"/> did not already break,
    /// checking every group of siblings the change touched (a sibling reshaped, added, removed or moved
    /// in, or the group's parent reshaped) against its parent.
    /// </summary>
    public PlanRefusal? Check(PlanRules rules, PlanTree before)
    {
        var dirty = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in Grids)
        {
            var b = before.Find(g.Code);
            if (b is null || b.Parent != g.Parent || !b.Geometry.EqualsExact(g.Geometry))
            {
                dirty.Add(Key(g.Parent));
                dirty.Add(g.Code);
                if (b is not null)
                {
                    dirty.Add(Key(b.Parent));
                }
            }
        }

        foreach (var b in before.Grids.Where(b => Find(b.Code) is null))
        {
            dirty.Add(Key(b.Parent));
        }

        var faultsBefore = new Dictionary<string, IReadOnlyList<CoverageProblem>>(StringComparer.Ordinal);
        IReadOnlyList<CoverageProblem> FaultsBefore(string key) =>
            faultsBefore.TryGetValue(key, out var known) ? known : faultsBefore[key] = before.Faults(rules, key);

        foreach (var key in dirty.OrderBy(k => k, StringComparer.Ordinal))
        {
            var parent = key.Length == 0 ? Root : Find(key)?.Geometry;
            var members = _children[key].ToList();
            if (parent is null || members.Count == 0)
            {
                continue;
            }

            // The faults there were where these grids were before: their old group, and this one.
            IReadOnlyList<CoverageProblem> Known() => members.Select(m => Key(before.Find(m.Code)?.Parent)).Append(key).Distinct().SelectMany(FaultsBefore).ToList();
            var unchanged = members.Where(m => before.Find(m.Code) is { } b && b.Geometry.EqualsExact(m.Geometry)).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
            if (rules.Check(parent, members.Select(m => new CoverageCheck.Child(m.Code, m.Geometry)).ToList(), Known, unchanged) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private IReadOnlyList<CoverageProblem> Faults(PlanRules rules, string key)
    {
        var parent = key.Length == 0 ? Root : Find(key)?.Geometry;
        var members = _children[key].ToList();
        return parent is null || members.Count == 0 ? [] : rules.Faults(parent, members.Select(m => new CoverageCheck.Child(m.Code, m.Geometry)).ToList());
    }

    private static string Key(string? parent) => parent ?? "";

    /// <summary><paramref name="code"/> and its ancestors inside the plan, from the bottom.</summary>
    private List<string> Chain(string code)
    {
        var chain = new List<string>();
        for (var g = _byCode[code]; ; g = _byCode[g.Parent])
        {
            chain.Add(g.Code);
            if (g.Parent is null)
            {
                return chain;
            }
        }
    }

    /// <summary>Each child to the piece that holds most of it.</summary>
    private static List<List<PlanGrid>> Assign(IReadOnlyList<PlanGrid> kids, IReadOnlyList<Polygon> pieces)
    {
        var groups = pieces.Select(_ => new List<PlanGrid>()).ToList();
        foreach (var kid in kids)
        {
            var inside = pieces.Select((p, i) => (i, Area: OverlayNGRobust.Overlay(p, kid.Geometry, SpatialFunction.Intersection).Area)).MaxBy(t => t.Area);
            groups[inside.i].Add(kid);
        }

        return groups;
    }

    /// <summary>
    /// The outline cut along the children's edges: each group's piece is its children's union within the
    /// outline, and the largest group takes the rest, so the pieces tile the outline exactly. (Children
    /// in real data stray from their parent's outline by a few square metres; following the children
    /// alone would open gaps and overlaps with the outline's neighbours.)
    /// </summary>
    private static (IReadOnlyList<Polygon> Tiles, Geometry? Broken) Tile(Geometry outline, IReadOnlyList<List<PlanGrid>> groups)
    {
        var largest = groups.Select((g, i) => (i, Area: g.Sum(k => k.Geometry.Area))).MaxBy(t => t.Area).i;
        var shapes = new Geometry[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            if (i != largest)
            {
                shapes[i] = OverlayNGRobust.Overlay(Union(groups[i]), outline, SpatialFunction.Intersection);
            }
        }

        var others = OverlayNGRobust.Union(outline.Factory.BuildGeometry(shapes.Where(g => g is not null).ToList()));
        var rest = OverlayNGRobust.Overlay(outline, others, SpatialFunction.Difference);
        // Where the children's edges leave a sliver of the outline cut off from the rest, it goes to the
        // piece it shares the longest border with.
        var parts = Enumerable.Range(0, rest.NumGeometries).Select(rest.GetGeometryN).OrderByDescending(g => g.Area).ToList();
        shapes[largest] = parts.Count == 0 ? rest : parts[0];
        foreach (var part in parts.Skip(1))
        {
            var (to, shared) = Enumerable.Range(0, shapes.Length)
                .Select(i => (i, Length: OverlayNGRobust.Overlay(part.Boundary, shapes[i].Boundary, SpatialFunction.Intersection).Length))
                .MaxBy(t => t.Length);
            if (shared > 0)
            {
                shapes[to] = OverlayNGRobust.Overlay(shapes[to], part, SpatialFunction.Union);
            }
            else
            {
                return ([], rest);
            }
        }

        return shapes.FirstOrDefault(g => g is not Polygon) is { } broken ? ([], broken) : (shapes.Cast<Polygon>().ToList(), null);
    }

    private static Geometry Union(IReadOnlyList<PlanGrid> grids) =>
        OverlayNGRobust.Union(grids[0].Geometry.Factory.BuildGeometry(grids.Select(g => (Geometry)g.Geometry).ToList()));

    /// <summary>
    /// The grids with <paramref name="target"/> replaced by <paramref name="pieces"/>: the largest keeps
    /// the grid's code and name, the others get free codes; households are shared by each piece's weight
    /// (its area, or its children's households) — an estimate the planner edits, population likewise when known — the remainder to the
    /// largest; each piece's children are moved into it.
    /// </summary>
    private List<PlanGrid> Replace(PlanGrid target, IReadOnlyList<(Polygon Shape, double Weight, IReadOnlyList<PlanGrid> Kids)> pieces)
    {
        var ordered = pieces.OrderByDescending(p => p.Shape.Area).ToList();
        var total = ordered.Sum(p => p.Weight);
        int[] Share(int whole)
        {
            var shares = ordered.Select(p => total > 0 ? (int)Math.Floor(whole * p.Weight / total) : 0).ToArray();
            shares[0] += whole - shares.Sum();
            return shares;
        }

        var shares = Share(target.Households);
        var people = target.Population is { } population ? Share(population) : null;
        var codes = new HashSet<string>(_byCode.Keys, StringComparer.Ordinal);
        var made = new List<PlanGrid>();
        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            var code = i == 0 ? target.Code : FreeCode(codes, target.Code, i);
            codes.Add(code);
            made.Add(i == 0
                ? target with { Geometry = ordered[i].Shape, Households = shares[0], Population = people?[0] }
                : new PlanGrid(code, $"{target.Name}（{i + 1}）", shares[i], ordered[i].Shape, target.Parent, people?[i]));
            foreach (var kid in ordered[i].Kids)
            {
                parentOf[kid.Code] = code;
            }
        }

        return Grids.Where(g => g.Code != target.Code)
            .Select(g => parentOf.TryGetValue(g.Code, out var p) ? g with { Parent = p } : g)
            .Concat(made).ToList();
    }

    /// <summary>The sum when every part is known, else unknown.</summary>
    private static int? Sum(IEnumerable<int?> parts) => parts.All(p => p is not null) ? parts.Sum() : null;

    private static string FreeCode(HashSet<string> taken, string code, int n)
    {
        var candidate = $"{code}-{(char)('a' + n - 1)}";
        while (taken.Contains(candidate))
        {
            candidate += "x";
        }

        return candidate;
    }
}
