using GeoGrid.Core.Crs;
using GeoGrid.Core.Import;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// Moves analysis inputs into the projected CRS distances are measured in, and back. The
/// <c>distance-crs</c> parameter picks it; a CRS in degrees is refused, since "500" would mean 500°.
/// </summary>
public static class MetricCoordinates
{
    public static readonly AnalysisParameter Parameter = new("distance-crs", "projected CRS in which distances and bin sizes are metres (EPSG:4547 or EPSG:3857; 3857 stretches distances by 1/cos(latitude), about 22 % here)", "EPSG:4547")
    {
        Kind = ParameterKind.ProjectedCrs,
    };

    public static Crs.Crs Of(ParameterValues values) => values.ProjectedCrs(Parameter.Name);

    /// <summary>A representative point of each feature (its centroid; points as they are) in <paramref name="crs"/>.</summary>
    public static Coordinate[] Points(IReadOnlyList<FeatureRecord> features, Crs.Crs crs) =>
        features.Select(f => Project(f.Geometry is Point p ? p : f.Geometry!.Centroid, crs).Coordinate).ToArray();

    public static Geometry Project(Geometry lonLat, Crs.Crs crs) => Reprojector.Transform(lonLat, CrsNames.Storage, crs);

    public static Geometry ToLonLat(Geometry metric, Crs.Crs crs) => Reprojector.Transform(metric, crs, CrsNames.Storage);
}
