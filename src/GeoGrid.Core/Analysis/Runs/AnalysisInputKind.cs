namespace GeoGrid.Core.Analysis.Runs;

/// <summary>What an analysis reads when it runs on the database, so the HTTP side loads it without
/// knowing analyses by name.</summary>
public enum AnalysisInputKind
{
    /// <summary>Reports, sites or grids, as the request's <c>source</c> says (default reports).</summary>
    Incidents,

    /// <summary>Incidents, and the grids they are assigned to as the second input.</summary>
    IncidentsWithGrids,

    /// <summary>A parent's children grids (<c>parent</c>, <c>depth</c>), family by family.</summary>
    CoverageFamilies,

    /// <summary>Road segments with their 门前四包 duty units as the second input.</summary>
    RoadsWithDutyUnits,
}
