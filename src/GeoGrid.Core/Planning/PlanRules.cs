using GeoGrid.Core.Coverage;
using GeoGrid.Core.Measure;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace GeoGrid.Core.Planning;

/// <summary>
/// What every plan state must keep, checked after each operation by the same code as the coverage
/// analysis: within the parent no gap and no overlap, every child valid, one part and inside it, none
/// below <see cref="SliverSquareMetres"/> nor thinner than <see cref="NeedleWidthMetres"/> on average.
/// </summary>
/// <remarks>
/// Given the state before the change, only what the change adds is refused: real data carries small
/// faults of its own (the demo's level-1 grids differ from their level-2 children's union by up to
/// 3,200 m²), and a planner redrawing one corner must not be blocked by an old gap elsewhere. The
/// coverage analysis still reports those.
/// </remarks>
public sealed record PlanRules(double SliverSquareMetres = 2_000, double NeedleWidthMetres = 15, double SnapDegrees = 0.00005)
{
    /// <summary>The faults of <paramref name="children"/> in <paramref name="parent"/> by these rules' thresholds.</summary>
    public IReadOnlyList<CoverageProblem> Faults(Geometry parent, IReadOnlyList<CoverageCheck.Child> children) =>
        CoverageCheck.Check(parent, children, SliverSquareMetres, minimumArea: 1);

    /// <summary>The first rule the children break, or null when they keep them all.</summary>
    public PlanRefusal? Check(Geometry parent, IReadOnlyList<CoverageCheck.Child> children) => Check(parent, children, () => [], new HashSet<string>());

    /// <summary>
    /// The first rule <paramref name="children"/> of <paramref name="parent"/> break that was not already
    /// broken before the change — <paramref name="known"/> gives the faults there were (asked only when
    /// there are faults now: clean data costs one check), <paramref name="unchanged"/> the children the
    /// change did not reshape; null when the change adds no fault.
    /// </summary>
    public PlanRefusal? Check(Geometry parent, IReadOnlyList<CoverageCheck.Child> children, Func<IReadOnlyList<CoverageProblem>> known, IReadOnlySet<string> unchanged)
    {
        var problems = Faults(parent, children).Where(p => p.Kind != CoverageProblemKind.NoWorker).ToList();
        var before = problems.Count == 0 ? [] : known();
        if (problems.FirstOrDefault(p => !Known(p, before, unchanged)) is { } problem)
        {
            var rule = problem.Kind switch
            {
                CoverageProblemKind.Gap => "gap",
                CoverageProblemKind.Overlap => "overlap",
                CoverageProblemKind.OutsideParent => "outside_parent",
                CoverageProblemKind.Sliver => "sliver",
                CoverageProblemKind.InvalidGeometry => "invalid",
                _ => "multi_part",
            };
            return new PlanRefusal(rule, FormattableString.Invariant($"{rule.Replace('_', ' ')} of {problem.AreaSquareMetres:N0} m² ({string.Join(", ", problem.Grids)}): 横向到边 needs every part of the parent in exactly one child, each valid, in one piece and at least {SliverSquareMetres:N0} m²"), problem.Geometry);
        }

        foreach (var child in children.Where(c => !unchanged.Contains(c.Code)))
        {
            var width = GridShapes.MeanWidthMetres(child.Geometry);
            if (width < NeedleWidthMetres)
            {
                return new PlanRefusal("needle", FormattableString.Invariant($"{child.Code} is {width:0.#} m wide on average; a grid is at least {NeedleWidthMetres:0.#} m wide"), child.Geometry);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a fault was there before the change: a fault of one grid (sliver, invalid, several parts)
    /// when that grid did not change; a gap, overlap or part outside when the same kind of fault
    /// covered the same place (to within a square metre).
    /// </summary>
    private static bool Known(CoverageProblem problem, IReadOnlyList<CoverageProblem> known, IReadOnlySet<string> unchanged)
    {
        if (problem.Kind is CoverageProblemKind.Sliver or CoverageProblemKind.InvalidGeometry or CoverageProblemKind.MultiPart)
        {
            return problem.Grids.All(unchanged.Contains);
        }

        var same = known.Where(k => k.Kind == problem.Kind).Select(k => k.Geometry).ToList();
        if (same.Count == 0)
        {
            return false;
        }

        var left = OverlayNGRobust.Overlay(problem.Geometry, OverlayNGRobust.Union(problem.Geometry.Factory.BuildGeometry(same)), NetTopologySuite.Operation.Overlay.SpatialFunction.Difference);
        return left.IsEmpty || Geodesic.AreaSquareMetres(left) < 1;
    }
}
