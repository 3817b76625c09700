namespace GeoGrid.Core.Import;

/// <summary>Why feature <see cref="Number"/> cannot be imported; <see cref="Field"/> names the attribute
/// at fault, or "geometry".</summary>
public sealed record ImportProblem(int Number, string Field, string Reason);
