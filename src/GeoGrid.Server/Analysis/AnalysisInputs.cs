using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Storage.Analysis;

namespace GeoGrid.Server.Analysis;

/// <summary>Loads what an analysis request runs on out of the database.</summary>
public static class AnalysisInputs
{
    public static async Task<AnalysisInput> LoadAsync(AnalysisRequest request, AnalysisSources sources, CancellationToken ct)
    {
        var area = request.AreaCode is { } code
            ? await sources.AreaAsync(code, ct).ConfigureAwait(false) ?? throw new AnalysisParameterException("area", $"no administrative area or grid '{code}'")
            : null;
        var filter = request.Filter with { Area = area };
        switch (request.Analysis.InputKind)
        {
            case AnalysisInputKind.CoverageFamilies:
                var source = new ParameterValues(request.Query, AnalysisRequest.SourceParameters);
                var parent = source.Text("parent") ?? throw new AnalysisParameterException("parent", "is required: the administrative area or grid whose children are checked");
                var families = await sources.CoverageFamiliesAsync(parent, source.Integer("depth")!.Value, ct).ConfigureAwait(false);
                return families.Count > 0 ? new AnalysisInput(families) : throw new AnalysisParameterException("parent", $"no administrative area or grid '{parent}'");
            case AnalysisInputKind.RoadsWithDutyUnits:
                return new AnalysisInput(await sources.RoadSegmentsAsync(area, ct).ConfigureAwait(false), await sources.DutyUnitsAsync(area, ct).ConfigureAwait(false));
            case AnalysisInputKind.IncidentsWithGrids:
                return new AnalysisInput(await IncidentsAsync(request, sources, filter, ct).ConfigureAwait(false), await sources.GridsAsync(filter, request.GridLevel, ct).ConfigureAwait(false));
        }

        var features = request.Source == "grids"
            ? await sources.GridsAsync(filter, request.GridLevel, ct).ConfigureAwait(false)
            : await IncidentsAsync(request, sources, filter, ct).ConfigureAwait(false);
        return features.Count > 0 ? new AnalysisInput(features) : throw new AnalysisParameterException(request.AreaCode is null ? "source" : "area", $"there are no {request.Source} to analyse with these filters");
    }

    private static Task<IReadOnlyList<Core.Import.FeatureRecord>> IncidentsAsync(AnalysisRequest request, AnalysisSources sources, IncidentFilter filter, CancellationToken ct) =>
        request.Source == "sites" ? sources.SitesAsync(filter, ct) : sources.ReportsAsync(filter, ct);
}
