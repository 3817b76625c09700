using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;

namespace GeoGrid.Core.Lifecycle;

/// <summary>
/// The 随手拍 lifecycle: submitted → routed → in progress → closed, each step forward made by the grid
/// worker, an inspector or an admin (a step may be skipped: a worker closes what they fixed at once);
/// the reporter alone withdraws a report that is not closed. Closed and withdrawn are ends.
/// </summary>
public static class ReportLifecycle
{
    public static readonly IReadOnlyList<Role> Handlers = [Role.GridWorker, Role.Inspector, Role.Admin];

    private static readonly ReportStatus[] s_order = [ReportStatus.Submitted, ReportStatus.Routed, ReportStatus.InProgress, ReportStatus.Closed];

    /// <summary>The states a handler may move a report at <paramref name="from"/> to.</summary>
    public static IReadOnlyList<ReportStatus> Next(ReportStatus from) =>
        from is ReportStatus.Closed or ReportStatus.Withdrawn ? [] : s_order.SkipWhile(s => s != from).Skip(1).ToList();

    public static bool CanWithdraw(ReportStatus from) => from is not (ReportStatus.Closed or ReportStatus.Withdrawn);

    /// <summary>Null when <paramref name="role"/> may move a report from <paramref name="from"/> to <paramref name="to"/>, else why not.</summary>
    public static TransitionRefusal? Check(ReportStatus from, ReportStatus to, Role role)
    {
        var next = Next(from);
        if (!next.Contains(to))
        {
            return new TransitionRefusal(TransitionRefusalKind.NotAllowed, next.Select(s => DomainLabels.Key(s)).ToList(),
                to == ReportStatus.Withdrawn
                    ? "a report is withdrawn by its reporter (POST …/withdraw with the token its filing returned)"
                    : next.Count == 0
                        ? $"a report at {Label(from)} is closed; nothing follows it"
                        : $"a report at {Label(from)} cannot go to {Label(to)}; it may go to {string.Join(", ", next.Select(Label))}");
        }

        return Handlers.Contains(role) ? null
            : new TransitionRefusal(TransitionRefusalKind.Forbidden, [], $"{DomainLabels.Zh(role)} ({DomainLabels.Key(role)}) may not handle reports; {string.Join(" or ", Handlers.Select(r => DomainLabels.Key(r)))} may");
    }

    private static string Label(ReportStatus s) => $"{DomainLabels.Key(s)} ({DomainLabels.Zh(s)})";
}
