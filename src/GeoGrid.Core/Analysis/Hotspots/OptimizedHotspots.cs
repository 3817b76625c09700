using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>
/// Hot spots of incidents with the choices made from the data, as ArcGIS's Optimized Hot Spot Analysis
/// does: incidents are binned (bin size, unless given: twice the mean distance between an incident and
/// its nearest distinct neighbour, so a typical bin holds a few incidents — but no smaller than gives
/// 20,000 bins over the incidents' hull, so a city of dense and sparse places stays tractable), the distance band is the
/// first peak of incremental spatial autocorrelation over the bin counts, and Gi* is corrected for
/// multiple testing with the false discovery rate.
/// </summary>
public static class OptimizedHotspots
{
    public sealed record Result(double BinSize, IReadOnlyList<Bin> Bins, IncrementalAutocorrelation.Result Autocorrelation, SpatialWeights Weights, GiStarResult GiStar);

    private const double MaxDefaultBins = 20_000;

    public static double DefaultBinSize(IReadOnlyList<Coordinate> incidents)
    {
        var distinct = incidents.Distinct().ToList();
        if (distinct.Count < 2)
        {
            throw new ArgumentException("At least two distinct incident locations are needed to choose a bin size.", nameof(incidents));
        }

        var hull = new GeometryFactory().CreateMultiPointFromCoords(distinct.ToArray()).ConvexHull();
        return Math.Max(2 * SpatialWeights.MeanNearestDistance(distinct), Math.Sqrt(hull.Area / MaxDefaultBins));
    }

    public static Result Run(IReadOnlyList<Coordinate> incidents, double? binSize = null, BinShape shape = BinShape.Hexagon, GiStarOptions? options = null)
    {
        var size = binSize ?? DefaultBinSize(incidents);
        var bins = Binning.Aggregate(incidents, size, shape);
        if (bins.Count < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(binSize), size, $"bin size {size:0} m leaves only {bins.Count} bins; hot spots need at least four");
        }

        var centres = bins.Select(b => b.Centre).ToList();
        var counts = bins.Select(b => (double)b.Count).ToList();
        var isa = IncrementalAutocorrelation.Run(centres, counts);
        var weights = SpatialWeights.DistanceBand(centres, isa.PeakDistance);
        var gi = GetisOrd.GiStar(counts, weights, (options ?? new GiStarOptions()) with { FalseDiscoveryRate = true });
        return new Result(size, bins, isa, weights, gi);
    }
}
