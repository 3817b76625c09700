using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>
/// ArcGIS's incremental spatial autocorrelation: Global Moran's I over increasing distance bands, from
/// the smallest band that gives every feature a neighbour, by the mean nearest-neighbour distance. The
/// distance where clustering is most pronounced is the first peak of the z-score (the highest z when
/// the curve has no peak).
/// </summary>
public static class IncrementalAutocorrelation
{
    public sealed record Step(double Distance, MoransI.Result Moran);

    public sealed record Result(IReadOnlyList<Step> Steps, double PeakDistance, bool IsFirstPeak);

    public static Result Run(IReadOnlyList<Coordinate> xy, IReadOnlyList<double> values, int steps = 10, double? start = null, double? increment = null)
    {
        var from = start ?? SpatialWeights.SmallestBand(xy);
        var by = increment ?? SpatialWeights.MeanNearestDistance(xy);
        var table = new List<Step>();
        for (var k = 0; k < steps; k++)
        {
            var d = from + (k * by);
            table.Add(new Step(d, MoransI.Compute(values, SpatialWeights.DistanceBand(xy, d))));
        }

        for (var k = 1; k < table.Count - 1; k++)
        {
            if (table[k].Moran.Z > table[k - 1].Moran.Z && table[k].Moran.Z >= table[k + 1].Moran.Z)
            {
                return new Result(table, table[k].Distance, true);
            }
        }

        var best = table.Where(s => !double.IsNaN(s.Moran.Z)).MaxBy(s => s.Moran.Z) ?? table[0];
        return new Result(table, best.Distance, false);
    }
}
