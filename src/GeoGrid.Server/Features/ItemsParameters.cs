using GeoGrid.Core.Crs;
using GeoGrid.Server.Http;
using GeoGrid.Storage.Collections;
using GeoGrid.Storage.Collections.Cql;
using Microsoft.AspNetCore.Http;

namespace GeoGrid.Server.Features;

/// <summary>
/// Parses the query string of an items request into an <see cref="ItemsRequest"/>, or names the
/// parameter at fault, through the shared <see cref="RequestGrammar"/>. Handlers never see SQL;
/// <see cref="ItemsQuery"/> never sees request text.
/// </summary>
public static class ItemsParameters
{
    public const int DefaultLimit = 10;
    // Pages stream row by row from PostGIS, so even a whole layer in one response keeps memory flat
    // (bench/stream.sh measures it at 1,000,000 features).
    public const int MaxLimit = 1_000_000;
    public const string Crs84 = RequestGrammar.Crs84;

    // Parameters with a meaning of their own; any other parameter must name a property to filter on.
    private static readonly HashSet<string> s_reserved = ["limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "sortby", "properties", "f", "filter", "filter-lang", "filter-crs"];

    public static IReadOnlyList<string> SupportedCrs => RequestGrammar.SupportedCrsUris;

    public static ItemsRequest Parse(Collection collection, IQueryCollection query, string? featureId = null)
    {
        var limit = RequestGrammar.Int(query, "limit", DefaultLimit, 1, MaxLimit);
        var offset = RequestGrammar.Int(query, "offset", 0, 0, int.MaxValue - MaxLimit);
        var (outputCrs, latFirst) = RequestGrammar.Crs(query, "crs");
        var (bboxCrs, bboxLatFirst) = RequestGrammar.Crs(query, "bbox-crs");
        var bbox = RequestGrammar.Box(query, "bbox", bboxCrs, bboxLatFirst);
        var (from, to) = RequestGrammar.Interval("datetime", RequestGrammar.Single(query, "datetime"));
        var equals = new List<(CollectionProperty, string)>();
        foreach (var key in query.Keys)
        {
            if (s_reserved.Contains(key))
            {
                continue;
            }

            var property = collection.Properties.FirstOrDefault(p => p.Name == key)
                ?? throw new ParameterException(key, $"unknown parameter '{RequestGrammar.Shorten(key)}'; {collection.Id} filters on {string.Join(", ", collection.Properties.Select(p => p.Name))}");
            equals.Add((property, RequestGrammar.Single(query, key)!));
        }

        var sortBy = RequestGrammar.List(query, "sortby").Select(s =>
        {
            var descending = s.StartsWith('-');
            var name = s.TrimStart('-', '+');
            var property = collection.Properties.FirstOrDefault(p => p.Name == name) ?? throw new ParameterException("sortby", $"cannot sort by '{RequestGrammar.Shorten(name)}'");
            return (property, descending);
        }).ToList();
        var select = query.ContainsKey("properties")
            ? RequestGrammar.List(query, "properties").Select(n => collection.Properties.FirstOrDefault(p => p.Name == n) ?? throw new ParameterException("properties", $"no property '{RequestGrammar.Shorten(n)}' in {collection.Id}")).ToList()
            : null;
        DateTimeOffset? asOf = null;
        if (collection.AsOf is not null && RequestGrammar.Single(query, "datetime") is { } when)
        {
            // Grids keep their history: datetime reads them as they were at that instant (a bare date: its first).
            asOf = !when.Contains('/', StringComparison.Ordinal) ? from : throw new ParameterException("datetime", $"{collection.Id} is read as of one instant or date, not over an interval");
            (from, to) = (null, null);
        }
        else if ((from is not null || to is not null) && collection.Temporal is null)
        {
            throw new ParameterException("datetime", $"collection {collection.Id} has no time");
        }

        var (filterCrs, filterLatFirst) = RequestGrammar.Crs(query, "filter-crs");
        CqlNode? filter = null;
        if (RequestGrammar.Single(query, "filter") is { Length: > 0 } filterText)
        {
            if (filterLatFirst)
            {
                throw new ParameterException("filter-crs", "use CRS84 (longitude first) or a projected CRS for filter geometries");
            }

            var language = RequestGrammar.Single(query, "filter-lang") is { Length: > 0 } l ? l : "cql2-text";
            filter = language switch
            {
                "cql2-text" => CqlText.Parse(filterText),
                "cql2-json" => CqlJson.Parse(filterText),
                _ => throw new ParameterException("filter-lang", $"filter-lang must be cql2-text or cql2-json, not '{RequestGrammar.Shorten(language)}'"),
            };

            // Translating once here reports unknown properties, bad types and geometries outside the
            // filter CRS as the filter's fault.
            CqlSql.Translate(filter, collection, [], (int)filterCrs);
        }

        return new ItemsRequest(collection, bbox, (int)bboxCrs, (int)outputCrs, latFirst, limit, offset, from, to, featureId, equals, sortBy, select, filter, (int)filterCrs, asOf);
    }

    public static string CrsUri(int srid, bool latitudeFirst) => RequestGrammar.CrsUri((Crs)srid, latitudeFirst);
}
