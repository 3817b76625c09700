namespace GeoGrid.Core.Analysis.Runs;

/// <summary>Every analysis GeoGrid runs, by name: the CLI and the HTTP API list and dispatch from here.</summary>
public static class AnalysisCatalog
{
    public static IReadOnlyList<IAnalysis> All { get; } =
    [
        new CoverageAnalysis(),
        new RoadsAnalysis(),
        new AssignAnalysis(),
        new HotspotsAnalysis(),
        new OptimizedHotspotsAnalysis(),
        new EmergingHotspotsAnalysis(),
        new DensityAnalysis(),
        new ClustersAnalysis(),
    ];

    public static IAnalysis? Find(string name) => All.FirstOrDefault(a => a.Name == name);
}
