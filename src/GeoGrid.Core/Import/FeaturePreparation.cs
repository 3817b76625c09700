using GeoGrid.Core.Crs;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Import;

/// <summary>
/// The pure half of the one edit pipeline, shared by the CLI import, API creates, replaces and patches
/// and report intake: a feature as read (in its own CRS) is normalised, moved into the storage CRS and
/// checked by <see cref="FeatureValidator"/>. What is left to do is the database's: write and audit.
/// </summary>
public static class FeaturePreparation
{
    public static (FeatureRecord Feature, IReadOnlyList<ImportProblem> Problems) Prepare(FeatureRecord raw, ImportLayer layer, Crs.Crs from, Envelope extent)
    {
        var feature = layer.Normalise(raw);
        if (feature.Geometry is { } g)
        {
            // Coordinates outside the source CRS would come out of the transformation as NaN or garbage.
            if (CrsDomain.Check(g, from) is { } outside)
            {
                return (feature, [new ImportProblem(feature.Number, "geometry", outside + " (wrong CRS?)")]);
            }

            feature = feature with { Geometry = Reprojector.Transform(g, from, CrsNames.Storage) };
        }

        return (feature, FeatureValidator.Validate(feature, layer, extent));
    }

    /// <summary>From this many features on, they are prepared on every core (each is independent).</summary>
    private const int ParallelFrom = 2_000;

    /// <summary>Every feature of a file or request; the problems of all of them, in order.</summary>
    public static (IReadOnlyList<FeatureRecord> Features, IReadOnlyList<ImportProblem> Problems) PrepareAll(IReadOnlyList<FeatureRecord> raw, ImportLayer layer, Crs.Crs from, Envelope extent)
    {
        var prepared = raw.Count >= ParallelFrom
            ? raw.AsParallel().AsOrdered().Select(r => Prepare(r, layer, from, extent)).ToList()
            : raw.Select(r => Prepare(r, layer, from, extent)).ToList();
        return (prepared.Select(p => p.Feature).ToList(), prepared.SelectMany(p => p.Problems).ToList());
    }
}
