using GeoGrid.Core.Domain;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Buffer;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Precision;

namespace GeoGrid.Core.Demo;

/// <summary>
/// Synthesises the Yellow River (黄河) and its floodplain zones. The northern edge of 巩义市, 荥阳市,
/// 惠济区 and 中牟县 follows the river closely, so the centreline is that edge sampled every kilometre,
/// smoothed and moved 300 m north (the boundary runs mid-channel); the zones are bands south of it.
/// </summary>
internal static class RiverBuilder
{
    // Band limits in metres from the centreline; the real 嫩滩/二滩/高滩 widths vary, these are typical.
    public const double NentanWidth = 1500;
    public const double ErtanWidth = 3000;
    public const double GaotanWidth = 5000;

    public static LineString Centreline(Geometry cityUnion, Envelope riversideExtent)
    {
        var factory = cityUnion.Factory;
        var points = new List<Coordinate>();
        var env = cityUnion.EnvelopeInternal;
        for (var x = riversideExtent.MinX + 500; x < riversideExtent.MaxX - 500; x += 1000)
        {
            var probe = factory.CreateLineString([new Coordinate(x, env.MinY - 1), new Coordinate(x, env.MaxY + 1)]);
            var hit = probe.Intersection(cityUnion);
            if (!hit.IsEmpty)
            {
                points.Add(new Coordinate(x, hit.EnvelopeInternal.MaxY));
            }
        }

        var smoothed = new List<Coordinate>();
        for (var i = 0; i < points.Count; i++)
        {
            var window = points.Skip(Math.Max(0, i - 2)).Take(Math.Min(points.Count, i + 3) - Math.Max(0, i - 2)).ToList();
            smoothed.Add(new Coordinate(points[i].X, window.Average(p => p.Y) + 300));
        }

        return factory.CreateLineString(smoothed.ToArray());
    }

    /// <summary>Zones in EPSG:4490: bands buffered in metres around <paramref name="riverMetric"/>, then cut to the city.</summary>
    public static IReadOnlyList<(FloodplainZoneKind Kind, Geometry Geometry)> Zones(LineString riverMetric, Geometry city, PrecisionModel precision)
    {
        var river = riverMetric;
        var flat = new BufferParameters { EndCapStyle = NetTopologySuite.Operation.Buffer.EndCapStyle.Flat, QuadrantSegments = 4 };
        Geometry Band(double width) => GeometryPrecisionReducer.Reduce(GeometryFixer.Fix(Metric.To4490(river.Buffer(width, flat))), precision);
        var b1 = Band(NentanWidth);
        var b2 = Band(ErtanWidth);
        var b3 = Band(GaotanWidth);
        Geometry Cut(Geometry a, Geometry? minus)
        {
            var band = minus is null ? a : OverlayNG.Overlay(a, minus, SpatialFunction.Difference, precision);
            return OverlayNG.Overlay(band, city, SpatialFunction.Intersection, precision);
        }

        return
        [
            (FloodplainZoneKind.Nentan, Cut(b1, null)),
            (FloodplainZoneKind.Ertan, Cut(b2, b1)),
            (FloodplainZoneKind.Gaotan, Cut(b3, b2)),
        ];
    }
}
