using GeoGrid.Core.Import;
using NetTopologySuite.Geometries;

namespace GeoGrid.Storage.Features;

/// <summary>What became of an edit: done (with the code, new version and the boxes whose tiles are now
/// stale), refused with problems, not found, stale (the feature has a newer version), or refused for
/// who asked (out of their areas, not their role's step) or for the lifecycle (with the states allowed next).</summary>
public sealed record EditOutcome(EditResult Result, string? Code = null, int Version = 0, IReadOnlyList<Envelope>? Touched = null, IReadOnlyList<ImportProblem>? Problems = null, bool Replayed = false,
    string? Reason = null, IReadOnlyList<string>? AllowedNext = null)
{
    /// <summary>A create repeated with the Idempotency-Key of one that was already made: nothing new was written.</summary>
    public static EditOutcome Replay(string code) => new(EditResult.Done, code, 1, [], Replayed: true);

    public static EditOutcome NotFound { get; } = new(EditResult.NotFound);

    public static EditOutcome Done(string code, int version, IReadOnlyList<Envelope> touched) => new(EditResult.Done, code, version, touched);

    public static EditOutcome Refused(IReadOnlyList<ImportProblem> problems) => new(EditResult.Refused, Problems: problems);

    public static EditOutcome Stale(int current) => new(EditResult.Stale, Version: current);

    public static EditOutcome OutOfArea(string reason) => new(EditResult.OutOfArea, Reason: reason);

    public static EditOutcome Forbidden(string reason, IReadOnlyList<string> allowed) => new(EditResult.Forbidden, Reason: reason, AllowedNext: allowed);

    public static EditOutcome Unprocessable(string reason) => new(EditResult.Unprocessable, Reason: reason);

    public static EditOutcome IllegalTransition(string reason, IReadOnlyList<string> allowed) => new(EditResult.IllegalTransition, Reason: reason, AllowedNext: allowed);
}
