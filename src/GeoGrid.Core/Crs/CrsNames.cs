using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GeoGrid.Core.Crs;

/// <summary>Parses and prints the CRS names users type: "EPSG:4547", "4490", OGC CRS URIs, "GCJ02".</summary>
public static class CrsNames
{
    /// <summary>The store's CRS. CGCS2000 is China's official geodetic datum (GB/T 2260 data and
    /// government surveys are delivered in it) and agrees with WGS 84 to a few centimetres.</summary>
    public const Crs Storage = Crs.Epsg4490;

    public static bool TryParse(string? text, [NotNullWhen(true)] out Crs? crs)
    {
        crs = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.Equals("GCJ02", StringComparison.OrdinalIgnoreCase) || t.Equals("GCJ-02", StringComparison.OrdinalIgnoreCase))
        {
            crs = Crs.Gcj02;
            return true;
        }

        if (t.Equals("http://www.opengis.net/def/crs/OGC/1.3/CRS84", StringComparison.OrdinalIgnoreCase) || t.Equals("CRS84", StringComparison.OrdinalIgnoreCase))
        {
            crs = Crs.Epsg4326;
            return true;
        }

        var code = t;
        foreach (var prefix in new[] { "EPSG:", "http://www.opengis.net/def/crs/EPSG/0/", "urn:ogc:def:crs:EPSG::" })
        {
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                code = t[prefix.Length..];
            }
        }

        if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var srid) && Enum.IsDefined(typeof(Crs), srid) && srid > 0)
        {
            crs = (Crs)srid;
            return true;
        }

        return false;
    }

    public static Crs Parse(string text) =>
        TryParse(text, out var crs) ? crs.Value : throw new ArgumentException($"Unsupported CRS '{text}'. Use EPSG:4326, EPSG:4490, EPSG:4547, EPSG:3857 or GCJ02.", nameof(text));

    public static string Name(Crs crs) => crs == Crs.Gcj02 ? "GCJ02" : $"EPSG:{(int)crs}";

    /// <summary>The SRID PostGIS knows the CRS by. GCJ-02 data is stored after conversion, so it has none.</summary>
    public static int Srid(Crs crs) => crs == Crs.Gcj02 ? throw new ArgumentException("GCJ-02 has no SRID; convert it first.", nameof(crs)) : (int)crs;

    public static bool IsGeographic(Crs crs) => crs is Crs.Epsg4326 or Crs.Epsg4490 or Crs.Gcj02;
}
