using System.Globalization;
using GeoGrid.Core.Crs;
using GeoGrid.Core.Values;
using Microsoft.AspNetCore.Http;
using NetTopologySuite.Geometries;

namespace GeoGrid.Server.Http;

/// <summary>
/// The one grammar for the query parameters every endpoint shares — boxes, CRS names and URIs, dates and
/// intervals, whole numbers — so that <c>/ogc</c>, <c>/analyses</c>, <c>/wms</c> and the responsibility
/// lookup accept and refuse the same text the same way. Failures are <see cref="ParameterException"/>s
/// naming the parameter.
/// </summary>
public static class RequestGrammar
{
    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    // No parameter GeoGrid takes is longer; a 10 MB query value is refused before it is parsed.
    private const int MaxValueLength = 64 * 1024;

    /// <summary>
    /// The value of <paramref name="name"/>, or null when absent. A parameter given twice with the same
    /// value counts once (GDAL repeats a collection URL's <c>filter</c> on every page it asks for); with
    /// different values it is refused, since either reading would be a guess.
    /// </summary>
    public static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            throw new ParameterException(name, $"{name} is given {values.Count} times with different values; give it once");
        }

        var value = values[0] ?? string.Empty;
        return value.Length > MaxValueLength ? throw new ParameterException(name, $"{name} is longer than {MaxValueLength} characters") : value;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or the fallback when absent or empty.</summary>
    public static int Int(IQueryCollection query, string name, int fallback, int min, int max)
    {
        var text = Single(query, name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ParameterException(name, $"{name} must be a whole number from {min} to {max}");
    }

    /// <summary>
    /// A CRS parameter of OGC API – Features (Part 2): absent or CRS84 is longitude/latitude; EPSG URIs
    /// of geographic CRSs put latitude first, as EPSG defines their axes. GCJ-02 is refused where
    /// <paramref name="allowGcj02"/> is false (it has no URI and is accepted only for input).
    /// </summary>
    public static (Crs Crs, bool LatitudeFirst) Crs(IQueryCollection query, string name, bool allowGcj02 = false)
    {
        var text = Single(query, name);
        if (string.IsNullOrEmpty(text) || text == Crs84)
        {
            return (Core.Crs.Crs.Epsg4326, false);
        }

        if (!CrsNames.TryParse(text, out var crs) || (crs == Core.Crs.Crs.Gcj02 && !allowGcj02))
        {
            throw new ParameterException(name, $"unsupported CRS '{Shorten(text)}'; use one of {string.Join(", ", SupportedCrsUris)}{(allowGcj02 ? " or GCJ02" : string.Empty)}");
        }

        return (crs.Value, crs != Core.Crs.Crs.Gcj02 && CrsNames.IsGeographic(crs.Value));
    }

    public static IReadOnlyList<string> SupportedCrsUris { get; } =
        [Crs84, "http://www.opengis.net/def/crs/EPSG/0/4326", "http://www.opengis.net/def/crs/EPSG/0/4490", "http://www.opengis.net/def/crs/EPSG/0/4547", "http://www.opengis.net/def/crs/EPSG/0/3857"];

    public static string CrsUri(Crs crs, bool latitudeFirst) => !latitudeFirst && crs == Core.Crs.Crs.Epsg4326 ? Crs84 : $"http://www.opengis.net/def/crs/EPSG/0/{(int)crs}";

    /// <summary>A box parameter, or null when absent. See <see cref="Box(string, string, Crs, bool)"/>.</summary>
    public static Envelope? Box(IQueryCollection query, string name, Crs crs, bool latitudeFirst) =>
        Single(query, name) is { Length: > 0 } text ? Box(name, text, crs, latitudeFirst) : null;

    /// <summary>
    /// The box rule: four finite numbers <c>minx,miny,maxx,maxy</c> (latitude first when the CRS says so);
    /// min may equal max (a line or a point, which selects what touches it) but not exceed it; the box
    /// must lie inside the CRS's domain (<see cref="CrsDomain"/>), so latitude 999 or 1e20 m is refused.
    /// The envelope returned has x = longitude/easting.
    /// </summary>
    public static Envelope Box(string name, string text, Crs crs, bool latitudeFirst)
    {
        var parts = text.Split(',');
        if (parts.Length != 4)
        {
            throw new ParameterException(name, $"{name} takes four numbers minx,miny,maxx,maxy{(latitudeFirst ? " (latitude first in this CRS)" : string.Empty)}");
        }

        var v = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
            {
                throw new ParameterException(name, $"{name}: '{Shorten(parts[i])}' is not a finite number");
            }
        }

        var (x1, y1, x2, y2) = latitudeFirst ? (v[1], v[0], v[3], v[2]) : (v[0], v[1], v[2], v[3]);
        if (x1 > x2 || y1 > y2)
        {
            throw new ParameterException(name, $"{name}: the minimum is larger than the maximum ({(x1 > x2 ? "x" : "y")})");
        }

        var box = new Envelope(x1, x2, y1, y2);
        var domain = CrsDomain.Of(crs);
        return domain.Contains(box) ? box
            : throw new ParameterException(name, $"{name} reaches outside what {CrsNames.Name(crs)} covers ({CrsDomain.Describe(domain)}){(latitudeFirst ? "; latitude comes first in this CRS" : string.Empty)}");
    }

    /// <summary>
    /// A date, date-time or interval (<c>a/b</c>, open ends as <c>..</c> or empty) under the rule of
    /// <see cref="Instants"/>; a date stands for its whole day. Null ends are open.
    /// </summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) Interval(string name, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        var parts = text.Split('/');
        if (parts.Length > 2)
        {
            throw new ParameterException(name, $"{name} is an instant or an interval start/end");
        }

        (DateTimeOffset Start, DateTimeOffset End)? Part(string p) => p is "" or ".." ? null
            : Instants.TryParse(p) ?? throw new ParameterException(name, $"{name}: '{Shorten(p)}' is not an RFC 3339 date or date-time (years 1900–2199)");
        var first = Part(parts[0]);
        var last = parts.Length == 1 ? first : Part(parts[1]);
        if (parts.Length == 1 && first is null)
        {
            throw new ParameterException(name, $"{name}: an instant cannot be open; use start/end with '..' for an open end");
        }

        if (first?.Start > last?.End)
        {
            throw new ParameterException(name, $"{name}: the interval ends before it starts");
        }

        return (first?.Start, last?.End);
    }

    /// <summary>A single date or date-time (its first instant), or null when absent.</summary>
    public static DateTimeOffset? Instant(IQueryCollection query, string name) =>
        Single(query, name) is { Length: > 0 } text
            ? Instants.TryParseInstant(text) ?? throw new ParameterException(name, $"{name}: '{Shorten(text)}' is not an RFC 3339 date or date-time (years 1900–2199)")
            : null;

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    public static double? Number(IQueryCollection query, string name, double min, double max)
    {
        if (Single(query, name) is not { Length: > 0 } text)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min && v <= max
            ? v
            : throw new ParameterException(name, $"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>A comma-separated list, empty entries dropped.</summary>
    public static IReadOnlyList<string> List(IQueryCollection query, string name) =>
        (Single(query, name) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>User text quoted back in a message, cut so a 10 MB value does not come back whole.</summary>
    public static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
