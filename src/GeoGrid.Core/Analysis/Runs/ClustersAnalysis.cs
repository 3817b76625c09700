using GeoGrid.Core.Analysis.Clusters;
using GeoGrid.Core.Import;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>DBSCAN clusters of incidents as hull polygons with their counts.</summary>
public sealed class ClustersAnalysis : IAnalysis
{
    public string Name => "clusters";

    public string Title => "DBSCAN 聚类";

    /// <summary>Neighbour pairs DBSCAN may hold in memory (400 MB of indices).</summary>
    public const double MaxPairs = 1e8;

    public bool ChecksWork => true;

    public string InputDescription => "incident points";

    public IReadOnlyList<AnalysisParameter> Parameters { get; } =
    [
        AnalysisParameter.Number("eps", "neighbourhood radius in metres", "200"),
        AnalysisParameter.Integer("min-points", "points (itself included) within eps that make a core point", "5", 1, 1_000_000),
        MetricCoordinates.Parameter,
    ];

    public AnalysisOutput Run(AnalysisInput input, ParameterValues values, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var crs = MetricCoordinates.Of(values);
        var features = PointInput.Require(input);
        var points = MetricCoordinates.Points(features, crs);
        var eps = values.Number("eps")!.Value;
        var minPoints = values.Integer("min-points")!.Value;
        // DBSCAN keeps each point's neighbours: the pairs within eps are its time (a tree query and a
        // distance each) and its memory (4 bytes each), which no budget may take past 400 MB.
        var pairs = WorkBudget.PairsWithin(points, eps);
        input.Limits.Check("eps", pairs > MaxPairs ? double.PositiveInfinity : pairs * 20, $"clustering {points.Length:N0} points with eps {eps:0.#} m ({pairs:0.#e0} neighbour pairs)");
        progress?.Report(new AnalysisProgress(0.2, "clustering"));
        var clusters = Dbscan.Clusters(points, eps, minPoints, cancellationToken);
        var output = clusters.Select((c, i) => new FeatureRecord(i + 1, MetricCoordinates.ToLonLat(c.Hull, crs), new Dictionary<string, object?>
        {
            ["cluster"] = c.Id + 1,
            ["count"] = c.Count,
            ["area_m2"] = Measure.Geodesic.AreaSquareMetres(MetricCoordinates.ToLonLat(c.Hull, crs)),
            ["members"] = string.Join(",", c.Members.Take(1000).Select(m => FeatureValues.Label(features[m]))),
        })).ToList();
        var summary = new Dictionary<string, object?>
        {
            ["points"] = points.Length,
            ["clusters"] = clusters.Count,
            ["clustered"] = clusters.Sum(c => c.Count),
            ["noise"] = points.Length - clusters.Sum(c => c.Count),
            ["eps_m"] = eps,
            ["min_points"] = minPoints,
        };
        return new AnalysisOutput("clusters", output, summary);
    }
}
