using System.Globalization;
using GeoGrid.Core.Crs;
using GeoGrid.Storage.Collections;
using GeoGrid.Storage.Collections.Cql;
using Microsoft.AspNetCore.Http;
using NetTopologySuite.Geometries;

namespace GeoGrid.Server.Features;

/// <summary>
/// Parses the query string of an items request into an <see cref="ItemsRequest"/>, or names the
/// parameter at fault. Handlers never see SQL; <see cref="ItemsQuery"/> never sees request text.
/// </summary>
public static class ItemsParameters
{
    public const int DefaultLimit = 10;
    // Pages stream row by row from PostGIS, so even a whole layer in one response keeps memory flat
    // (bench/stream.sh measures it at 1,000,000 features).
    public const int MaxLimit = 1_000_000;
    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    // Parameters with a meaning of their own; any other parameter must name a property to filter on.
    private static readonly HashSet<string> s_reserved = ["limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "sortby", "properties", "f", "filter", "filter-lang", "filter-crs"];

    public static IReadOnlyList<string> SupportedCrs { get; } =
        [Crs84, "http://www.opengis.net/def/crs/EPSG/0/4326", "http://www.opengis.net/def/crs/EPSG/0/4490", "http://www.opengis.net/def/crs/EPSG/0/4547", "http://www.opengis.net/def/crs/EPSG/0/3857"];

    public static ItemsRequest Parse(Collection collection, IQueryCollection query, string? featureId = null)
    {
        var limit = Int(query, "limit", DefaultLimit, 1, MaxLimit);
        var offset = Int(query, "offset", 0, 0, int.MaxValue);
        var (outputSrid, latFirst) = CrsParam(query, "crs");
        var (bboxSrid, bboxLatFirst) = CrsParam(query, "bbox-crs");
        Envelope? bbox = null;
        if (query["bbox"].ToString() is { Length: > 0 } text)
        {
            var parts = text.Split(',');
            var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
            if (values.Length != 4 || values.Any(double.IsNaN))
            {
                throw new ParameterException("bbox", "bbox takes four numbers: minx,miny,maxx,maxy");
            }

            var (x1, y1, x2, y2) = bboxLatFirst ? (values[1], values[0], values[3], values[2]) : (values[0], values[1], values[2], values[3]);
            if (x1 > x2 || y1 > y2)
            {
                throw new ParameterException("bbox", "bbox minimum is larger than its maximum");
            }

            bbox = new Envelope(x1, x2, y1, y2);
        }

        var (from, to) = DateTimeParam(query["datetime"].ToString());
        var equals = new List<(CollectionProperty, string)>();
        foreach (var (key, value) in query)
        {
            if (s_reserved.Contains(key))
            {
                continue;
            }

            var property = collection.Properties.FirstOrDefault(p => p.Name == key)
                ?? throw new ParameterException(key, $"unknown parameter '{key}'; {collection.Id} filters on {string.Join(", ", collection.Properties.Select(p => p.Name))}");
            equals.Add((property, value.ToString()));
        }

        var sortBy = List(query, "sortby").Select(s =>
        {
            var descending = s.StartsWith('-');
            var name = s.TrimStart('-', '+');
            var property = collection.Properties.FirstOrDefault(p => p.Name == name) ?? throw new ParameterException("sortby", $"cannot sort by '{name}'");
            return (property, descending);
        }).ToList();
        var select = query.ContainsKey("properties")
            ? List(query, "properties").Select(n => collection.Properties.FirstOrDefault(p => p.Name == n) ?? throw new ParameterException("properties", $"no property '{n}' in {collection.Id}")).ToList()
            : null;
        if ((from is not null || to is not null) && collection.Temporal is null)
        {
            throw new ParameterException("datetime", $"collection {collection.Id} has no time");
        }

        var (filterSrid, filterLatFirst) = CrsParam(query, "filter-crs");
        CqlNode? filter = null;
        if (query["filter"].ToString() is { Length: > 0 } filterText)
        {
            var language = query["filter-lang"].ToString() is { Length: > 0 } l ? l : "cql2-text";
            try
            {
                filter = language switch
                {
                    "cql2-text" => CqlText.Parse(filterText),
                    "cql2-json" => CqlJson.Parse(filterText),
                    _ => throw new ParameterException("filter-lang", $"filter-lang must be cql2-text or cql2-json, not '{language}'"),
                };

                // Translating once here reports unknown properties and bad types as the filter's fault.
                CqlSql.Translate(filter, collection, [], filterSrid);
            }
            catch (CqlException e)
            {
                throw new ParameterException("filter", e.Message);
            }

            if (filterLatFirst)
            {
                throw new ParameterException("filter-crs", "use CRS84 (longitude first) or a projected CRS for filter geometries");
            }
        }

        return new ItemsRequest(collection, bbox, bboxSrid, outputSrid, latFirst, limit, offset, from, to, featureId, equals, sortBy, select, filter, filterSrid);
    }

    /// <summary>The SRID a crs parameter names, and whether its axis order puts latitude first
    /// (EPSG:4326 and 4490 by their EPSG URI do; CRS84 does not).</summary>
    public static (int Srid, bool LatitudeFirst) CrsParam(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0 || text == Crs84)
        {
            return (4326, false);
        }

        if (!CrsNames.TryParse(text, out var crs) || crs == Crs.Gcj02)
        {
            throw new ParameterException(name, $"unsupported CRS '{text}'; use one of {string.Join(", ", SupportedCrs)}");
        }

        return ((int)crs.Value, CrsNames.IsGeographic(crs.Value));
    }

    public static string CrsUri(int srid, bool latitudeFirst) => !latitudeFirst && srid == 4326 ? Crs84 : $"http://www.opengis.net/def/crs/EPSG/0/{srid}";

    private static IEnumerable<string> List(IQueryCollection query, string name) =>
        query[name].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Int(IQueryCollection query, string name, int fallback, int min, int max)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ParameterException(name, $"{name} must be a whole number from {min} to {max}");
        }

        return value;
    }

    private static (DateTimeOffset? From, DateTimeOffset? To) DateTimeParam(string text)
    {
        if (text.Length == 0)
        {
            return (null, null);
        }

        var parts = text.Split('/');
        if (parts.Length > 2)
        {
            throw new ParameterException("datetime", "datetime is an instant or an interval start/end");
        }

        DateTimeOffset? Parse(string p) => p is "" or ".." ? null
            : DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
            : throw new ParameterException("datetime", $"'{p}' is not an RFC 3339 date-time");
        return parts.Length == 1 ? (Parse(parts[0]), Parse(parts[0])) : (Parse(parts[0]), Parse(parts[1]));
    }
}
