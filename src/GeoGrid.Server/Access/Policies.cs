using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Lifecycle;

namespace GeoGrid.Server.Access;

/// <summary>
/// Which roles each kind of request needs. Reading the public layers and filing reports needs none;
/// every write, every job and the audit log needs one of these. The lifecycle steps a role may make
/// are <see cref="SiteLifecycle"/>'s and <see cref="ReportLifecycle"/>'s, checked with the data.
/// </summary>
public static class Policies
{
    /// <summary>Recording, replacing and stepping 四乱 sites.</summary>
    public const string EditSites = "edit-sites";

    /// <summary>Deleting a site (a record made in error): admins only; everyone else rejects or marks duplicates.</summary>
    public const string DeleteSites = "delete-sites";

    /// <summary>Handling 随手拍 reports (分派, 处置中, 已办结).</summary>
    public const string HandleReports = "handle-reports";

    /// <summary>Queueing and cancelling analysis jobs.</summary>
    public const string RunJobs = "run-jobs";

    /// <summary>Redrawing grids: opening, changing and applying plans.</summary>
    public const string PlanGrids = "plan-grids";

    /// <summary>Reading the audit log and the users.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyDictionary<string, Role[]> Roles = new Dictionary<string, Role[]>
    {
        [EditSites] = [.. SiteLifecycle.Finders],
        [DeleteSites] = [Role.Admin],
        [HandleReports] = [.. ReportLifecycle.Handlers],
        [RunJobs] = [Role.Analyst, Role.Planner, Role.Inspector, Role.Admin],
        [PlanGrids] = [Role.Planner, Role.Admin],
        [Admin] = [Role.Admin],
    };

    public static string[] RoleKeys(string policy) => Roles[policy].Select(r => DomainLabels.Key(r)).ToArray();
}
