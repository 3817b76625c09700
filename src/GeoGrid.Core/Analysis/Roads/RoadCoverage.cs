using GeoGrid.Core.Crs;
using GeoGrid.Core.Measure;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace GeoGrid.Core.Analysis.Roads;

/// <summary>
/// 路长制 coverage: how much of each district's and street's road length has a chief, which segments
/// have none, where consecutive segments of a road (by <c>seq</c>) leave a gap or run over each other,
/// and which 门前四包 units stand farther from their segment than they could look after. Lengths are
/// geodesic; gaps, overlaps and distances are measured in EPSG:4547 (scale error &lt; 0.01 % here).
/// </summary>
public static class RoadCoverage
{
    public static RoadCoverageReport Check(IReadOnlyList<RoadSegmentInput> segments, IReadOnlyList<DutyUnitInput> units, double maxUnitDistance = 100, double tolerance = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxUnitDistance);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        var lengths = segments.ToDictionary(s => s.Code, s => Geodesic.LengthMetres(s.Geometry));
        var shares = Shares("district", segments, s => s.District, lengths).Concat(Shares("street", segments, s => s.Street, lengths)).ToList();

        var problems = new List<RoadProblem>();
        foreach (var s in segments.Where(s => s.Chief is null))
        {
            problems.Add(new RoadProblem(RoadProblemKind.NoChief, s.Geometry, lengths[s.Code], s.Road, [s.Code]));
        }

        var projected = segments.ToDictionary(s => s.Code, s => Reprojector.Transform(s.Geometry, Crs.Crs.Epsg4490, Crs.Crs.Epsg4547));
        foreach (var road in segments.GroupBy(s => s.Road))
        {
            var ordered = road.OrderBy(s => s.Seq).ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                var (a, b) = (projected[ordered[k - 1].Code], projected[ordered[k].Code]);
                var gap = a.Distance(b);
                if (gap > tolerance)
                {
                    var line = a.Factory.CreateLineString(DistanceOp.NearestPoints(a, b));
                    problems.Add(new RoadProblem(RoadProblemKind.Gap, ToLonLat(line), gap, road.Key, [ordered[k - 1].Code, ordered[k].Code]));
                    continue;
                }

                // Shared length: the part of the later segment within the tolerance of the earlier one.
                var shared = b.Intersection(a.Buffer(Math.Max(tolerance, 0.01)));
                if (shared.Length > 2 * tolerance)
                {
                    problems.Add(new RoadProblem(RoadProblemKind.Overlap, ToLonLat(shared), shared.Length, road.Key, [ordered[k - 1].Code, ordered[k].Code]));
                }
            }
        }

        var bySegment = segments.ToDictionary(s => s.Code);
        foreach (var u in units)
        {
            if (!bySegment.TryGetValue(u.Segment, out var segment))
            {
                problems.Add(new RoadProblem(RoadProblemKind.DutyUnitFar, u.Location, double.PositiveInfinity, "", [u.Code, u.Segment]));
                continue;
            }

            var at = Reprojector.Transform(u.Location, Crs.Crs.Epsg4490, Crs.Crs.Epsg4547);
            var distance = at.Distance(projected[u.Segment]);
            if (distance > maxUnitDistance)
            {
                var line = at.Factory.CreateLineString(DistanceOp.NearestPoints(at, projected[u.Segment]));
                problems.Add(new RoadProblem(RoadProblemKind.DutyUnitFar, ToLonLat(line), distance, segment.Road, [u.Code, u.Segment]));
            }
        }

        return new RoadCoverageReport(shares, problems);
    }

    private static IEnumerable<RoadShare> Shares(string level, IReadOnlyList<RoadSegmentInput> segments, Func<RoadSegmentInput, string?> key, Dictionary<string, double> lengths) =>
        segments.Where(s => key(s) is not null).GroupBy(s => key(s)!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new RoadShare(
            level,
            g.Key,
            g.Sum(s => lengths[s.Code]),
            g.Where(s => s.Chief is not null).Sum(s => lengths[s.Code]),
            g.Count(),
            g.Count(s => s.Chief is null)));

    private static Geometry ToLonLat(Geometry projected) => Reprojector.Transform(projected, Crs.Crs.Epsg4547, Crs.Crs.Epsg4490);
}
