using GeoGrid.Core.Analysis.Density;
using GeoGrid.Core.Import;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// An analysis result: features in longitude/latitude with every figure as a property, a summary
/// (counts, chosen distances, what the weights were) and, for densities, the raster grid in EPSG:4547.
/// </summary>
public sealed record AnalysisOutput(string Layer, IReadOnlyList<FeatureRecord> Features, IReadOnlyDictionary<string, object?> Summary, DensityGrid? Grid = null);
