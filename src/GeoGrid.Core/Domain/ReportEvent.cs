
namespace GeoGrid.Core.Domain;

/// <summary>One step of a 随手拍 report, with when it happened.</summary>
public sealed record ReportEvent(ReportStatus Status, DateTimeOffset At, string Note);
