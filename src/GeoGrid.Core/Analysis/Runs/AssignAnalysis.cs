using GeoGrid.Core.Analysis.Responsibility;
using GeoGrid.Core.Import;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>Assigns points (the input) to the grid polygons of the second input that contain them.</summary>
public sealed class AssignAnalysis : IAnalysis
{
    public string Name => "assign";

    public AnalysisInputKind InputKind => AnalysisInputKind.IncidentsWithGrids;

    public string Title => "归属网格（批量）";

    public string InputDescription => "points; grid polygons (with code) as the second input";

    public string? SecondInput => "grids";

    public IReadOnlyList<AnalysisParameter> Parameters { get; } = [];

    public AnalysisOutput Run(AnalysisInput input, ParameterValues values, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var points = PointInput.Require(input);
        var grids = (input.Second ?? []).Where(f => f.Geometry is { Dimension: NetTopologySuite.Geometries.Dimension.Surface }).ToList();
        if (grids.Count == 0)
        {
            throw new AnalysisParameterException("grids", "there are no grid polygons to assign to");
        }

        var assigner = new GridAssigner(grids.Select(g => g.Geometry!).ToList());
        var found = assigner.LocateAll(points.Select(p => p.Geometry!.Coordinate).ToList());
        var features = points.Select((p, i) =>
        {
            var properties = new Dictionary<string, object?>(p.Properties)
            {
                ["grid_code"] = found[i] < 0 ? null : FeatureValues.Label(grids[found[i]]),
            };
            return new FeatureRecord(p.Number, p.Geometry, properties);
        }).ToList();
        var summary = new Dictionary<string, object?>
        {
            ["points"] = points.Count,
            ["grids"] = grids.Count,
            ["assigned"] = found.Count(f => f >= 0),
            ["outside"] = found.Count(f => f < 0),
        };
        return new AnalysisOutput("assigned", features, summary);
    }
}
