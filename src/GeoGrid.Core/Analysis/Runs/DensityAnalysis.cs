using GeoGrid.Core.Analysis.Density;
using GeoGrid.Core.Import;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>Quartic kernel density of incidents as a grid (Esri ASCII in the metric CRS) and its summary.</summary>
public sealed class DensityAnalysis : IAnalysis
{
    public string Name => "density";

    public string Title => "核密度（四次核）";

    public bool ChecksWork => true;

    public string InputDescription => "incident points";

    public IReadOnlyList<AnalysisParameter> Parameters { get; } =
    [
        AnalysisParameter.Number("bandwidth", "search radius in metres (default: Silverman's rule for 2D, as ArcGIS)"),
        AnalysisParameter.Number("cell-size", "grid cell size in metres (default: the shorter side of the extent / 250, as ArcGIS)"),
        MetricCoordinates.Parameter,
    ];

    public AnalysisOutput Run(AnalysisInput input, ParameterValues values, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var crs = MetricCoordinates.Of(values);
        var points = MetricCoordinates.Points(PointInput.Require(input), crs);
        var kde = new KernelDensity(points, values.Number("bandwidth"));
        var extent = new Envelope();
        points.ToList().ForEach(extent.ExpandToInclude);
        extent.ExpandBy(kde.Bandwidth);
        var cell = values.Number("cell-size") ?? Math.Max(Math.Min(extent.Width, extent.Height) / 250, 1);
        // Every incident adds its kernel to the cells within the bandwidth, and every cell is written once.
        var footprint = Math.Pow((2 * kde.Bandwidth / cell) + 1, 2);
        input.Limits.Check(values.Number("cell-size") is null ? "bandwidth" : "cell-size", (points.Length * footprint) + (extent.Area / (cell * cell)),
            $"a density of {points.Length:N0} incidents with bandwidth {kde.Bandwidth:0.#} m on {cell:0.#} m cells");
        progress?.Report(new AnalysisProgress(0.2, "estimating the density"));
        DensityGrid grid;
        try
        {
            grid = kde.Grid(cell, extent, cancellationToken);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new AnalysisParameterException("cell-size", e.Message.Split(" (Parameter")[0]);
        }

        var peak = grid.Values.Select((v, i) => (v, i)).MaxBy(x => x.v);
        var at = new Coordinate(grid.MinX + (((peak.i % grid.Columns) + 0.5) * cell), grid.MinY + ((grid.Rows - (peak.i / grid.Columns) - 0.5) * cell));
        var peakPoint = MetricCoordinates.ToLonLat(new GeometryFactory().CreatePoint(at), crs);
        var summary = new Dictionary<string, object?>
        {
            ["incidents"] = points.Length,
            ["bandwidth_m"] = kde.Bandwidth,
            ["cell_size_m"] = cell,
            ["columns"] = grid.Columns,
            ["rows"] = grid.Rows,
            ["crs"] = Crs.CrsNames.Name(crs),
            ["unit"] = "incidents per km²",
            ["max_density"] = peak.v,
        };
        var features = new List<FeatureRecord> { new(1, peakPoint, new Dictionary<string, object?> { ["what"] = "peak", ["density_per_km2"] = peak.v }) };
        return new AnalysisOutput("density", features, summary, grid);
    }
}
