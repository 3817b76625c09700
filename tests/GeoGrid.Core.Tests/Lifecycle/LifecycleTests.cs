using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;
using GeoGrid.Core.Lifecycle;

namespace GeoGrid.Core.Tests.Lifecycle;

public sealed class LifecycleTests
{
    // The rules as the inspection issue states them: (from, to) → roles that may.
    private static readonly Dictionary<(SiteStatus, SiteStatus), Role[]> s_expected = new()
    {
        [(SiteStatus.Found, SiteStatus.Verified)] = [Role.Inspector, Role.Admin],
        [(SiteStatus.Found, SiteStatus.Rejected)] = [Role.Inspector, Role.Admin],
        [(SiteStatus.Found, SiteStatus.Duplicate)] = [Role.Inspector, Role.Admin],
        [(SiteStatus.Verified, SiteStatus.Assigned)] = [Role.Inspector, Role.Admin],
        [(SiteStatus.Verified, SiteStatus.Rejected)] = [Role.Inspector, Role.Admin],
        [(SiteStatus.Verified, SiteStatus.Duplicate)] = [Role.Inspector, Role.Admin],
        [(SiteStatus.Assigned, SiteStatus.Demolished)] = [Role.GridWorker, Role.Inspector, Role.Admin],
        [(SiteStatus.Demolished, SiteStatus.Cleared)] = [Role.GridWorker, Role.Inspector, Role.Admin],
        [(SiteStatus.Cleared, SiteStatus.Accepted)] = [Role.Inspector, Role.Admin],
        [(SiteStatus.Cleared, SiteStatus.Assigned)] = [Role.Inspector, Role.Admin],
    };

    public static TheoryData<SiteStatus, SiteStatus, Role> EveryStep()
    {
        var data = new TheoryData<SiteStatus, SiteStatus, Role>();
        foreach (var from in Enum.GetValues<SiteStatus>())
        {
            foreach (var to in Enum.GetValues<SiteStatus>())
            {
                foreach (var role in Enum.GetValues<Role>())
                {
                    data.Add(from, to, role);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void Every_step_is_allowed_exactly_to_the_roles_the_rules_name(SiteStatus from, SiteStatus to, Role role)
    {
        // A history that went through demolition and clearance, so 立拆立清 does not decide here.
        var history = new[] { SiteStatus.Found, SiteStatus.Verified, SiteStatus.Assigned, SiteStatus.Demolished, SiteStatus.Cleared, from };
        var refusal = SiteLifecycle.Check(from, to, role, history);
        if (!s_expected.TryGetValue((from, to), out var roles))
        {
            Assert.NotNull(refusal);
            Assert.Equal(TransitionRefusalKind.NotAllowed, refusal.Kind);
            Assert.Equal(s_expected.Keys.Where(k => k.Item1 == from).Select(k => DomainLabels.Key(k.Item2)).Order(), refusal.Allowed.Order());
        }
        else if (roles.Contains(role))
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.NotNull(refusal);
            Assert.Equal(TransitionRefusalKind.Forbidden, refusal.Kind);
            Assert.Contains(DomainLabels.Key(role), refusal.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_site_is_accepted_only_after_a_clearance_that_follows_its_last_demolition()
    {
        Assert.Null(SiteLifecycle.Check(SiteStatus.Cleared, SiteStatus.Accepted, Role.Inspector,
            [SiteStatus.Found, SiteStatus.Verified, SiteStatus.Assigned, SiteStatus.Demolished, SiteStatus.Cleared]));

        // Imported at cleared with no demolition on record: 凡拆必清 cannot be shown, so no acceptance.
        var never = SiteLifecycle.Check(SiteStatus.Cleared, SiteStatus.Accepted, Role.Admin, [SiteStatus.Cleared]);
        Assert.NotNull(never);
        Assert.Contains("立拆立清", never.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("accepted", never.Allowed);

        // Sent back (返工) and demolished again: the earlier clearance does not count for the new demolition.
        Assert.False(SiteLifecycle.DemolishedThenCleared([SiteStatus.Demolished, SiteStatus.Cleared, SiteStatus.Assigned, SiteStatus.Demolished]));
        Assert.True(SiteLifecycle.DemolishedThenCleared([SiteStatus.Demolished, SiteStatus.Cleared, SiteStatus.Assigned, SiteStatus.Demolished, SiteStatus.Cleared]));
    }

    [Fact]
    public void Closed_sites_have_no_next_step_and_say_so()
    {
        foreach (var end in new[] { SiteStatus.Accepted, SiteStatus.Rejected, SiteStatus.Duplicate })
        {
            Assert.True(SiteLifecycle.IsClosed(end));
            var refusal = SiteLifecycle.Check(end, SiteStatus.Found, Role.Admin, [end]);
            Assert.Empty(refusal!.Allowed);
            Assert.Contains("closed", refusal.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ReportStatus.Submitted, ReportStatus.Closed, Role.GridWorker, null)]
    [InlineData(ReportStatus.Routed, ReportStatus.InProgress, Role.Inspector, null)]
    [InlineData(ReportStatus.InProgress, ReportStatus.Routed, Role.Admin, TransitionRefusalKind.NotAllowed)]
    [InlineData(ReportStatus.Closed, ReportStatus.InProgress, Role.Admin, TransitionRefusalKind.NotAllowed)]
    [InlineData(ReportStatus.Routed, ReportStatus.Withdrawn, Role.Admin, TransitionRefusalKind.NotAllowed)]
    [InlineData(ReportStatus.Routed, ReportStatus.Closed, Role.Analyst, TransitionRefusalKind.Forbidden)]
    [InlineData(ReportStatus.Routed, ReportStatus.Closed, Role.Public, TransitionRefusalKind.Forbidden)]
    public void Reports_move_forward_only_by_those_who_handle_them(ReportStatus from, ReportStatus to, Role role, TransitionRefusalKind? expected) =>
        Assert.Equal(expected, ReportLifecycle.Check(from, to, role)?.Kind);

    [Theory]
    [InlineData("垃圾", ReportCategory.Sanitation)]
    [InlineData("乱堆", ReportCategory.CityOrder)]
    [InlineData("河道乱堆", ReportCategory.Floodplain)]
    [InlineData("环境卫生", ReportCategory.Sanitation)]
    [InlineData("road_facility", ReportCategory.RoadFacility)]
    [InlineData("井盖", ReportCategory.RoadFacility)]
    public void Report_categories_are_known_by_code_label_and_everyday_words(string text, ReportCategory expected) =>
        Assert.Equal(expected, DomainLabels.Parse<ReportCategory>(text));

    [Fact]
    public void Site_categories_keep_their_own_labels() => Assert.Equal(SiteCategory.Dumping, DomainLabels.Parse<SiteCategory>("乱堆"));

    [Theory]
    [InlineData("image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2 }, null)]
    [InlineData("image/png", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6 }, "first bytes")]
    [InlineData("application/pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, null)]
    [InlineData("text/html", new byte[] { 0x3C, 0x68 }, "attachments are")]
    [InlineData("image/jpeg", new byte[] { }, "empty")]
    public void Attachments_are_checked_by_type_and_first_bytes(string type, byte[] content, string? reason)
    {
        var refusal = AttachmentCheck.Refusal(type, content, 1024);
        if (reason is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Contains(reason, refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_attachment_over_the_limit_is_refused_with_its_size() =>
        Assert.Contains("at most", AttachmentCheck.Refusal("image/jpeg", [0xFF, 0xD8, 0xFF, .. new byte[2000]], 1024), StringComparison.Ordinal);

    [Fact]
    public void An_actor_covers_the_areas_under_theirs()
    {
        var huiji = new Actor("i", Role.Inspector, ["410108"]);
        Assert.True(huiji.Covers("410108101206"));
        Assert.False(huiji.Covers("410182201"));
        Assert.True(new Actor("a", Role.Admin, null).Covers("410182201"));
    }
}
