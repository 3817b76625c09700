namespace GeoGrid.Core.Access;

/// <summary>
/// What a person or machine may do. Public reads the public map and files reports; grid workers
/// (网格员) and inspectors (巡查员) follow sites and reports in their areas; planners (规划员) redraw grids in
/// theirs; analysts (分析员) run analyses and jobs; admins (管理员) do everything and read the audit log.
/// </summary>
public enum Role
{
    Public,
    GridWorker,
    Inspector,
    Planner,
    Analyst,
    Admin,
}
