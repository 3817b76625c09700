using GeoGrid.Core.Import;

namespace GeoGrid.Storage.Features;

/// <summary>How many features an import wrote, under which codes, and which it refused, with why.</summary>
public sealed record ImportOutcome(int Written, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<string> Codes);
