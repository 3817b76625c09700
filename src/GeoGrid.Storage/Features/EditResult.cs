namespace GeoGrid.Storage.Features;

/// <summary>The kinds of <see cref="EditOutcome"/>.</summary>
public enum EditResult
{
    Done,
    Refused,
    NotFound,
    Stale,
}
