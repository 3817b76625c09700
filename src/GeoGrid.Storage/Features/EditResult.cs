namespace GeoGrid.Storage.Features;

/// <summary>The kinds of <see cref="EditOutcome"/>.</summary>
public enum EditResult
{
    Done,
    Refused,
    NotFound,
    Stale,

    /// <summary>The feature lies outside the administrative areas the actor is limited to (403).</summary>
    OutOfArea,

    /// <summary>The actor's role may not make this change (403).</summary>
    Forbidden,

    /// <summary>Well-formed but not something GeoGrid can take: a report outside every grid (422).</summary>
    Unprocessable,

    /// <summary>The lifecycle does not lead from the feature's state to the one asked for (409).</summary>
    IllegalTransition,
}
