using GeoGrid.Core.Crs;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace GeoGrid.Core.Measure;

/// <summary>
/// Areas and lengths in metres on the CGCS2000 ellipsoid for geometries in longitude/latitude.
/// Areas come from an Albers equal-area projection centred on the geometry (equal-area means the
/// projected area is the ellipsoidal one); lengths from Vincenty's inverse formula per segment.
/// Both agree with PostGIS <c>geography</c> to well under 0.1 % (tests check it).
/// </summary>
public static class Geodesic
{
    private const double A = 6378137.0;
    private const double F = 1 / 298.257222101;
    private const double B = A * (1 - F);

    public static double AreaSquareMetres(Geometry lonLat)
    {
        if (lonLat.IsEmpty || lonLat.Dimension != NetTopologySuite.Geometries.Dimension.Surface)
        {
            return 0;
        }

        var env = lonLat.EnvelopeInternal;
        var transform = AlbersFor(env);
        return CoordinateMap.Apply(lonLat, transform.Transform).Area;
    }

    public static double LengthMetres(Geometry lonLat)
    {
        double total = 0;
        foreach (LineString line in NetTopologySuite.Geometries.Utilities.LinearComponentExtracter.GetLines(lonLat))
        {
            var seq = line.CoordinateSequence;
            for (var i = 1; i < seq.Count; i++)
            {
                total += DistanceMetres(seq.GetX(i - 1), seq.GetY(i - 1), seq.GetX(i), seq.GetY(i));
            }
        }

        return total;
    }

    /// <summary>Vincenty's inverse formula on the CGCS2000 ellipsoid; sub-millimetre for the distances
    /// GeoGrid measures (it only fails to converge for nearly antipodal points).</summary>
    public static double DistanceMetres(double lon1, double lat1, double lon2, double lat2)
    {
        if (lon1 == lon2 && lat1 == lat2)
        {
            return 0;
        }

        var l = ToRad(lon2 - lon1);
        var u1 = Math.Atan((1 - F) * Math.Tan(ToRad(lat1)));
        var u2 = Math.Atan((1 - F) * Math.Tan(ToRad(lat2)));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1), sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);
        var lambda = l;
        double sinSigma, cosSigma, sigma, cosSqAlpha, cos2SigmaM;
        var iterations = 0;
        while (true)
        {
            double sinLambda = Math.Sin(lambda), cosLambda = Math.Cos(lambda);
            sinSigma = Math.Sqrt(Math.Pow(cosU2 * sinLambda, 2) + Math.Pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
            if (sinSigma == 0)
            {
                return 0;
            }

            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cosSqAlpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cosSqAlpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha;
            var c = F / 16 * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
            var previous = lambda;
            lambda = l + (1 - c) * F * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.Abs(lambda - previous) < 1e-12 || ++iterations > 200)
            {
                break;
            }
        }

        var uSq = cosSqAlpha * (A * A - B * B) / (B * B);
        var bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        var bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        var deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return B * bigA * (sigma - deltaSigma);
    }

    private static double ToRad(double degrees) => degrees * Math.PI / 180;

    private static MathTransform AlbersFor(Envelope env)
    {
        var span = Math.Max(env.Height, 1e-6);
        var lat1 = env.MinY + span / 6;
        var lat2 = env.MaxY - span / 6;
        var lat0 = (env.MinY + env.MaxY) / 2;
        var lon0 = (env.MinX + env.MaxX) / 2;
        var wkt = FormattableString.Invariant(
            $"PROJCS[\"Albers\",GEOGCS[\"CGCS2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Albers_Conic_Equal_Area\"],PARAMETER[\"standard_parallel_1\",{lat1:R}],PARAMETER[\"standard_parallel_2\",{lat2:R}],PARAMETER[\"latitude_of_center\",{lat0:R}],PARAMETER[\"longitude_of_center\",{lon0:R}],PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]");
        var pcs = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(wkt);
        return new CoordinateTransformationFactory().CreateFromCoordinateSystems(pcs.GeographicCoordinateSystem, pcs).MathTransform;
    }
}
