namespace GeoGrid.Storage.Collections;

/// <summary>
/// Turns an <see cref="ItemsRequest"/> into SQL text plus parameters: identifiers come from the catalog
/// through <see cref="SqlText"/>, every request value is a parameter. Pure, so it is tested without a
/// database. Each selected row is one GeoJSON Feature as text, built by PostGIS.
/// </summary>
public static class ItemsQuery
{
    public static (string Sql, IReadOnlyList<object> Args) Items(ItemsRequest r)
    {
        var (where, args) = Conditions(r);
        var c = r.Collection;
        args.Add(r.OutputSrid);
        // RFC 7946 §3.1.6: exterior rings counterclockwise (the store keeps PostGIS's clockwise rings).
        var geometry = $"ST_ForcePolygonCCW(ST_Transform(t.geom, ${args.Count}))";
        if (r.LatitudeFirst)
        {
            // Swapping the axes mirrors the rings, so orient after the swap.
            geometry = $"ST_ForcePolygonCCW(ST_FlipCoordinates(ST_Transform(t.geom, ${args.Count})))";
        }

        var properties = string.Join(", ", (r.Select ?? c.Properties).Select(p => $"{SqlText.Literal(p.Name)}, {p.Expression}"));
        var order = string.Concat((r.SortBy ?? []).Select(s => $"{s.Property.Expression}{(s.Descending ? " DESC" : string.Empty)} NULLS LAST, "));
        // Ids are strings in every collection (RFC 7946 allows both; one kind keeps clients simple).
        var sql = $"SELECT json_build_object('type', 'Feature', 'id', t.{SqlText.Identifier(c.IdColumn)}::text, 'geometry', ST_AsGeoJSON({geometry}, {Decimals(r.OutputSrid)})::json, 'properties', json_build_object({properties}))::text"
            + $" FROM {Source(r, args)}{where} ORDER BY {order}t.{SqlText.Identifier(c.IdColumn)}";
        args.Add(r.Limit);
        sql += $" LIMIT ${args.Count}";
        args.Add(r.Offset);
        sql += $" OFFSET ${args.Count}";
        return (sql, args);
    }

    /// <summary>
    /// Decimals of served coordinates: 7 in degrees (1.1 cm, finer than any survey behind the data) and
    /// 3 in metres (1 mm); more digits would only be noise from the transformation.
    /// </summary>
    public static int Decimals(int srid) => srid is 4326 or 4490 ? 7 : 3;

    public static (string Sql, IReadOnlyList<object> Args) Count(ItemsRequest r)
    {
        var (where, args) = Conditions(r);
        return ($"SELECT count(*) FROM {Source(r, args)}{where}", args);
    }

    public static string Extent(Collection c) =>
        $"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(t.geom) AS e FROM {SqlText.Identifier(c.Table)} t{(c.Where is null ? string.Empty : " WHERE " + c.Where)}) x";

    /// <summary>The rows a request reads: the table, or for an as-of read the collection's history function at that instant.</summary>
    private static string Source(ItemsRequest r, List<object> args)
    {
        if (r.AsOf is { } at && r.Collection.AsOf is { } function)
        {
            args.Add(at.ToUniversalTime());
            return $"{SqlText.Identifier(function)}(${args.Count}) t";
        }

        return $"{SqlText.Identifier(r.Collection.Table)} t";
    }

    private static (string Where, List<object> Args) Conditions(ItemsRequest r)
    {
        var conditions = new List<string>();
        var args = new List<object>();
        if (r.Collection.Where is { } fixedCondition)
        {
            conditions.Add(fixedCondition);
        }

        if (r.FeatureId is { } id)
        {
            args.Add(id);
            conditions.Add($"t.{SqlText.Identifier(r.Collection.IdColumn)}::text = ${args.Count}");
        }

        if (r.Bbox is { } b)
        {
            args.AddRange([b.MinX, b.MinY, b.MaxX, b.MaxY, r.BboxSrid]);
            var n = args.Count;
            // Part 1 asks for features whose geometry intersects the box, not only their envelope. The box
            // is built from its corners so that a degenerate one (min = max) is a line or point, not an
            // invalid zero-area polygon.
            conditions.Add($"ST_Intersects(t.geom, ST_Transform(ST_Envelope(ST_MakeLine(ST_SetSRID(ST_MakePoint(${n - 4}, ${n - 3}), ${n}), ST_SetSRID(ST_MakePoint(${n - 2}, ${n - 1}), ${n}))), 4490))");
        }

        foreach (var (property, value) in r.Filters ?? [])
        {
            args.Add(value);
            conditions.Add($"({property.Expression})::text = ${args.Count}");
        }

        if (r.Filter is { } filter)
        {
            conditions.Add(Cql.CqlSql.Translate(filter, r.Collection, args, r.FilterSrid));
        }

        if (r.Collection.Temporal is { } temporal)
        {
            if (r.From is { } from)
            {
                args.Add(from);
                conditions.Add($"{temporal} >= ${args.Count}");
            }

            if (r.To is { } to)
            {
                args.Add(to);
                conditions.Add($"{temporal} <= ${args.Count}");
            }
        }

        return (conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions), args);
    }
}
