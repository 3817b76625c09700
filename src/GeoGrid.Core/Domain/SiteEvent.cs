
namespace GeoGrid.Core.Domain;

/// <summary>One step of a 四乱 site's lifecycle, with when it happened.</summary>
public sealed record SiteEvent(SiteStatus Status, DateTimeOffset At, string Note);
