using System.Globalization;
using GeoGrid.Core.Coverage;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Import;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// Grid coverage "横向到边、纵向到底": features carry <c>code</c> and, where their parent is in the
/// input, <c>parent_code</c>; a <c>workers</c> count flags unstaffed grids. Each family (children of
/// one parent) is checked with <see cref="CoverageCheck"/>.
/// </summary>
public sealed class CoverageAnalysis : IAnalysis
{
    public string Name => "coverage";

    public AnalysisInputKind InputKind => AnalysisInputKind.CoverageFamilies;

    public string Title => "网格覆盖检查（横向到边、纵向到底）";

    public string InputDescription => "grid polygons with code, parent_code and (optional) workers";

    public IReadOnlyList<AnalysisParameter> Parameters { get; } =
    [
        AnalysisParameter.Number("sliver-area", "grids smaller than this many m² are slivers (0: off)", "0", positive: false, unit: "m²"),
    ];

    public AnalysisOutput Run(AnalysisInput input, ParameterValues values, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var sliver = values.Number("sliver-area") ?? 0;
        var grids = input.Features.Where(f => f.Geometry is not null).Select(f => (
            Code: FeatureValues.Label(f),
            Parent: FeatureValues.Text(f, "parent_code"),
            Workers: int.TryParse(FeatureValues.Text(f, "workers"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) ? w : (int?)null,
            Geometry: f.Geometry!)).ToList();
        if (grids.Count == 0)
        {
            throw new AnalysisParameterException("input", "there are no grids with a geometry in the input");
        }

        var byCode = grids.GroupBy(g => g.Code).ToDictionary(g => g.Key, g => g.First().Geometry);
        var families = grids.GroupBy(g => g.Parent).ToList();
        var results = new List<FeatureRecord>();
        var done = 0;
        foreach (var family in families)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parent = family.Key is not null && byCode.TryGetValue(family.Key, out var p) ? p : null;
            foreach (var problem in CoverageCheck.Check(parent, family.Select(g => new CoverageCheck.Child(g.Code, g.Geometry, g.Workers)).ToList(), sliver))
            {
                results.Add(new FeatureRecord(results.Count + 1, problem.Geometry, new Dictionary<string, object?>
                {
                    ["kind"] = DomainLabels.Key(problem.Kind.ToString()),
                    ["area_m2"] = Math.Round(problem.AreaSquareMetres, 2),
                    ["grids"] = string.Join(",", problem.Grids),
                    ["parent"] = family.Key,
                }));
            }

            progress?.Report(new AnalysisProgress(++done / (double)families.Count, $"{done} of {families.Count} families checked"));
        }

        var summary = new Dictionary<string, object?>
        {
            ["grids"] = grids.Count,
            ["families"] = families.Count,
            ["problems"] = results.Count,
            ["by_kind"] = results.GroupBy(r => (string)r.Properties["kind"]!).ToDictionary(g => g.Key, g => (object?)new Dictionary<string, object?>
            {
                ["count"] = g.Count(),
                ["area_m2"] = Math.Round(g.Sum(r => (double)r.Properties["area_m2"]!), 2),
            }),
        };
        return new AnalysisOutput("coverage_problems", results, summary);
    }
}
