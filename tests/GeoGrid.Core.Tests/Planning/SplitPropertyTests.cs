using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoGrid.Core.Coverage;
using GeoGrid.Core.Planning;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoGrid.Core.Tests.Planning;

/// <summary>
/// The coverage property of redrawing: whatever line a planner draws across a grid, the split is either
/// refused as cutting nothing, or its pieces cover the grid exactly — no gap, no overlap, nothing outside,
/// each valid and in one piece — and merging them gives the grid back.
/// </summary>
public sealed class SplitPropertyTests
{
    // An irregular, concave grid (a notch on the north side), about 1 km across.
    private static readonly Geometry s_grid = new WKTReader().Read(
        "POLYGON ((113.600 34.880, 113.612 34.881, 113.611 34.890, 113.606 34.890, 113.605 34.886, 113.603 34.890, 113.599 34.889, 113.600 34.880))");

    private static readonly PlanRules s_noSizeRules = new(SliverSquareMetres: 0, NeedleWidthMetres: 0);

    private static Gen<LineString> Lines() =>
        from n in Gen.Choose(2, 4)
        from xs in Gen.ArrayOf(Gen.Choose(0, 1000), n)
        from ys in Gen.ArrayOf(Gen.Choose(0, 1000), n)
        select new GeometryFactory().CreateLineString(xs.Zip(ys, (x, y) => new Coordinate(113.597 + (x * 0.000017), 34.878 + (y * 0.000015))).ToArray());

    [Property(MaxTest = 300)]
    public Property Every_split_covers_the_grid_exactly_or_is_refused() =>
        Prop.ForAll(Lines().Where(l => l.IsValid && l.Length > 0).ToArbitrary(), line =>
        {
            var (pieces, refusal) = GridShapes.Split(s_grid, line, 0.00005);
            if (refusal is not null)
            {
                return refusal.Rule == "no_split" && pieces.Count == 0;
            }

            var children = pieces.Select((p, i) => new CoverageCheck.Child($"p{i}", p)).ToList();
            var (merged, _) = GridShapes.Merge([.. pieces]);
            return pieces.Count >= 2
                && s_noSizeRules.Check(s_grid, children) is null
                && Math.Abs(pieces.Sum(p => p.Area) - s_grid.Area) < 1e-12
                && merged is not null && merged.SymmetricDifference(s_grid).Area < 1e-12;
        });
}
