using GeoGrid.Core.Import;
using NetTopologySuite.Geometries;

namespace GeoGrid.Storage.Features;

/// <summary>What became of an edit: done (with the code, new version and the boxes whose tiles are now
/// stale), refused with problems, not found, or stale (the feature has a newer version).</summary>
public sealed record EditOutcome(EditResult Result, string? Code = null, int Version = 0, IReadOnlyList<Envelope>? Touched = null, IReadOnlyList<ImportProblem>? Problems = null, bool Replayed = false)
{
    /// <summary>A create repeated with the Idempotency-Key of one that was already made: nothing new was written.</summary>
    public static EditOutcome Replay(string code) => new(EditResult.Done, code, 1, [], Replayed: true);

    public static EditOutcome NotFound { get; } = new(EditResult.NotFound);

    public static EditOutcome Done(string code, int version, IReadOnlyList<Envelope> touched) => new(EditResult.Done, code, version, touched);

    public static EditOutcome Refused(IReadOnlyList<ImportProblem> problems) => new(EditResult.Refused, Problems: problems);

    public static EditOutcome Stale(int current) => new(EditResult.Stale, Version: current);
}
