using GeoGrid.Core.Import;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// What an analysis runs on: features in longitude/latitude (EPSG:4490 ≡ 4326 here), from a file or
/// from the database, and a second layer where the analysis needs one (duty units for roads, grids for
/// assignment). <see cref="Budget"/> bounds the work a run may do (none unless the caller sets one).
/// </summary>
public sealed record AnalysisInput(IReadOnlyList<FeatureRecord> Features, IReadOnlyList<FeatureRecord>? Second = null, WorkBudget? Budget = null)
{
    public WorkBudget Limits => Budget ?? WorkBudget.Unlimited;
}
