namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// An analysis as both the CLI (<c>geogrid analyze NAME</c>) and the HTTP API (<c>/analyses/NAME</c>)
/// run it: one name, one parameter list, one pure run over features.
/// </summary>
public interface IAnalysis
{
    string Name { get; }

    string Title { get; }

    /// <summary>What the input features must be (points, polygons…) and which properties are read.</summary>
    string InputDescription { get; }

    IReadOnlyList<AnalysisParameter> Parameters { get; }

    /// <summary>The name of the second input layer, when the analysis reads one (<c>units</c>, <c>grids</c>).</summary>
    string? SecondInput => null;

    /// <summary>What the run reads from the database.</summary>
    AnalysisInputKind InputKind => AnalysisInputKind.Incidents;

    /// <summary>Whether the run estimates its work against <see cref="AnalysisInput.Budget"/> before the
    /// heavy part (so a probe can tell, cheaply, that its parameters hold).</summary>
    bool ChecksWork => false;

    AnalysisOutput Run(AnalysisInput input, ParameterValues values, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default);
}
