using GeoGrid.Core.Crs;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Demo;

/// <summary>The demo is synthesised in EPSG:4547 (metres; Zhengzhou lies within 1.3° of its central
/// meridian, so scale error is below 0.02 %) and stored in EPSG:4490.</summary>
internal static class Metric
{
    public static Geometry From4490(Geometry g) => Reprojector.Transform(g, Crs.Crs.Epsg4490, Crs.Crs.Epsg4547);

    public static Geometry To4490(Geometry g) => Reprojector.Transform(g, Crs.Crs.Epsg4547, Crs.Crs.Epsg4490);
}
