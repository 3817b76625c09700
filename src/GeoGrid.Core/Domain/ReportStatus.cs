namespace GeoGrid.Core.Domain;

/// <summary>Lifecycle of a 随手拍 report: submitted, routed to the grid containing it, handled, closed (办结).</summary>
public enum ReportStatus
{
    /// <summary>已上报</summary>
    Submitted,

    /// <summary>已分派</summary>
    Routed,

    /// <summary>处置中</summary>
    InProgress,

    /// <summary>已办结</summary>
    Closed,

    /// <summary>已撤回: withdrawn by its reporter.</summary>
    Withdrawn,
}
