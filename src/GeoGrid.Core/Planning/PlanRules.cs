using GeoGrid.Core.Coverage;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Planning;

/// <summary>
/// What every plan state must keep, checked after each operation by the same code as the coverage
/// analysis: within the parent no gap and no overlap, every child valid, one part and inside it, none
/// below <see cref="SliverSquareMetres"/> nor thinner than <see cref="NeedleWidthMetres"/> on average.
/// </summary>
public sealed record PlanRules(double SliverSquareMetres = 2_000, double NeedleWidthMetres = 15, double SnapDegrees = 0.00005)
{
    /// <summary>The first rule the children break, or null when they keep them all.</summary>
    public PlanRefusal? Check(Geometry parent, IReadOnlyList<CoverageCheck.Child> children)
    {
        var problems = CoverageCheck.Check(parent, children, SliverSquareMetres, minimumArea: 1);
        if (problems.FirstOrDefault(p => p.Kind != CoverageProblemKind.NoWorker) is { } problem)
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

        foreach (var child in children)
        {
            var width = GridShapes.MeanWidthMetres(child.Geometry);
            if (width < NeedleWidthMetres)
            {
                return new PlanRefusal("needle", FormattableString.Invariant($"{child.Code} is {width:0.#} m wide on average; a grid is at least {NeedleWidthMetres:0.#} m wide"), child.Geometry);
            }
        }

        return null;
    }
}
