using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;

namespace GeoGrid.Core.Lifecycle;

/// <summary>
/// The 四乱 lifecycle: found → verified → assigned → demolished → cleared → accepted, with rejected
/// and duplicate as ends a found or verified site may take, and cleared → assigned when acceptance
/// fails (返工). Each step names the roles that may make it. "凡拆必清、立拆立清": acceptance needs a
/// demolition and a clearance after it in the site's history, whatever path it took.
/// </summary>
public static class SiteLifecycle
{
    private static readonly Role[] s_inspecting = [Role.Inspector, Role.Admin];
    private static readonly Role[] s_working = [Role.GridWorker, Role.Inspector, Role.Admin];

    private static readonly Dictionary<SiteStatus, (SiteStatus To, Role[] Roles)[]> s_steps = new()
    {
        [SiteStatus.Found] = [(SiteStatus.Verified, s_inspecting), (SiteStatus.Rejected, s_inspecting), (SiteStatus.Duplicate, s_inspecting)],
        [SiteStatus.Verified] = [(SiteStatus.Assigned, s_inspecting), (SiteStatus.Rejected, s_inspecting), (SiteStatus.Duplicate, s_inspecting)],
        [SiteStatus.Assigned] = [(SiteStatus.Demolished, s_working)],
        [SiteStatus.Demolished] = [(SiteStatus.Cleared, s_working)],
        [SiteStatus.Cleared] = [(SiteStatus.Accepted, s_inspecting), (SiteStatus.Assigned, s_inspecting)],
        [SiteStatus.Accepted] = [],
        [SiteStatus.Rejected] = [],
        [SiteStatus.Duplicate] = [],
    };

    /// <summary>The roles that may record a newly found site.</summary>
    public static IReadOnlyList<Role> Finders => s_working;

    /// <summary>The states a site at <paramref name="from"/> may move to, whoever moves it.</summary>
    public static IReadOnlyList<SiteStatus> Next(SiteStatus from) => s_steps[from].Select(s => s.To).ToList();

    /// <summary>The states <paramref name="role"/> may move a site at <paramref name="from"/> to.</summary>
    public static IReadOnlyList<SiteStatus> Next(SiteStatus from, Role role) => s_steps[from].Where(s => s.Roles.Contains(role)).Select(s => s.To).ToList();

    public static bool IsClosed(SiteStatus status) => s_steps[status].Length == 0;

    /// <summary>
    /// Whether <paramref name="role"/> may move a site from <paramref name="from"/> to <paramref name="to"/>,
    /// given its <paramref name="history"/> of statuses (oldest first); null when it may, else why not.
    /// </summary>
    public static TransitionRefusal? Check(SiteStatus from, SiteStatus to, Role role, IReadOnlyList<SiteStatus> history)
    {
        var step = s_steps[from].FirstOrDefault(s => s.To == to);
        if (step.Roles is null)
        {
            var next = Next(from);
            return new TransitionRefusal(TransitionRefusalKind.NotAllowed, Keys(next),
                next.Count == 0
                    ? $"a site at {Label(from)} is closed; nothing follows it"
                    : $"a site at {Label(from)} cannot go to {Label(to)}; it may go to {string.Join(", ", next.Select(Label))}");
        }

        if (!step.Roles.Contains(role))
        {
            return new TransitionRefusal(TransitionRefusalKind.Forbidden, Keys(Next(from, role)),
                $"{DomainLabels.Zh(role)} ({DomainLabels.Key(role)}) may not move a site from {Label(from)} to {Label(to)}; {string.Join(" or ", step.Roles.Select(r => DomainLabels.Key(r)))} may");
        }

        if (to == SiteStatus.Accepted && !DemolishedThenCleared(history))
        {
            return new TransitionRefusal(TransitionRefusalKind.NotAllowed, Keys(Next(from).Where(s => s != SiteStatus.Accepted)),
                "凡拆必清、立拆立清: a site is accepted only after it was demolished and then cleared; its history has no clearance after a demolition");
        }

        return null;
    }

    /// <summary>Whether the history holds a clearance after its last demolition (and a demolition at all).</summary>
    public static bool DemolishedThenCleared(IReadOnlyList<SiteStatus> history)
    {
        var demolished = history.ToList().LastIndexOf(SiteStatus.Demolished);
        return demolished >= 0 && history.Skip(demolished + 1).Contains(SiteStatus.Cleared);
    }

    private static List<string> Keys(IEnumerable<SiteStatus> states) => states.Select(s => DomainLabels.Key(s)).ToList();

    private static string Label(SiteStatus s) => $"{DomainLabels.Key(s)} ({DomainLabels.Zh(s)})";
}

public enum TransitionRefusalKind
{
    /// <summary>No role may make this step from here: 409.</summary>
    NotAllowed,

    /// <summary>The step exists but not for this role: 403.</summary>
    Forbidden,
}

/// <summary>Why a lifecycle step was refused, and the states (keys) the feature may go to instead.</summary>
public sealed record TransitionRefusal(TransitionRefusalKind Kind, IReadOnlyList<string> Allowed, string Reason);
