namespace GeoGrid.Storage.Collections.Cql;

/// <summary>
/// Translates a <see cref="CqlNode"/> into an SQL condition over the table alias <c>t</c>. Property
/// names resolve only through the collection's catalog expressions; every value, pattern and geometry
/// becomes a parameter appended to <c>args</c>. Geometry literals are in <c>filterSrid</c>.
/// </summary>
public static class CqlSql
{
    public static string Translate(CqlNode node, Collection collection, List<object> args, int filterSrid = 4326)
    {
        string Param(object value)
        {
            args.Add(value);
            return "$" + args.Count;
        }

        string Geometry(NetTopologySuite.Geometries.Geometry g)
        {
            var copy = g.Copy();
            copy.SRID = filterSrid;
            return $"ST_Transform({Param(copy)}::geometry, 4490)";
        }

        CollectionProperty Property(string name) =>
            collection.Properties.FirstOrDefault(p => p.Name == name)
            ?? throw new CqlException($"unknown property '{name}'; {collection.Id} has {string.Join(", ", collection.Properties.Select(p => p.Name))}");

        // Numbers compare as numbers, instants as timestamps, everything else as text.
        string Compare(CollectionProperty p, string op, object value) => value switch
        {
            double d when p.Type is "integer" or "number" => $"({p.Expression})::float8 {op} {Param(d)}",
            double => throw new CqlException($"'{p.Name}' is not a number"),
            DateTimeOffset t => $"({p.Expression})::timestamptz {op} {Param(t.UtcDateTime)}",
            bool b => $"({p.Expression})::text {op} {Param(b ? "true" : "false")}",
            _ => $"({p.Expression})::text {op} {Param(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!)}",
        };

        string Visit(CqlNode n) => n switch
        {
            CqlLogical l => "(" + string.Join(l.IsAnd ? " AND " : " OR ", l.Args.Select(Visit)) + ")",
            CqlNot x => $"NOT ({Visit(x.Arg)})",
            CqlComparison c => Compare(Property(c.Property), c.Op, c.Value),
            CqlLike l => $"({Property(l.Property).Expression})::text LIKE {Param(l.Pattern)}",
            CqlIn i => "(" + string.Join(" OR ", i.Values.Select(v => Compare(Property(i.Property), "=", v))) + ")",
            CqlBetween b => $"({Compare(Property(b.Property), ">=", b.Low)} AND {Compare(Property(b.Property), "<=", b.High)})",
            CqlIsNull i => $"({Property(i.Property).Expression}) IS NULL",
            CqlSpatial s => s.Op switch
            {
                "S_WITHIN" => $"ST_Within(t.geom, {Geometry(s.Geometry)})",
                "S_CONTAINS" => $"ST_Contains(t.geom, {Geometry(s.Geometry)})",
                _ => $"ST_Intersects(t.geom, {Geometry(s.Geometry)})",
            },
            CqlDWithin d => d.Metres < 0 ? throw new CqlException("S_DWITHIN distance must not be negative")
                : $"ST_DWithin(t.geom::geography, {Geometry(d.Geometry)}::geography, {Param(d.Metres)})",
            CqlTemporal t => Temporal(t),
            _ => throw new CqlException($"unsupported filter {n.GetType().Name}"),
        };

        string Temporal(CqlTemporal t)
        {
            var p = Property(t.Property);
            if (p.Type != "date-time")
            {
                throw new CqlException($"'{t.Property}' is not a time property");
            }

            var e = $"({p.Expression})";
            return t.Op switch
            {
                "T_BEFORE" => t.Start is { } s ? $"{e} < {Param(s.UtcDateTime)}" : "false",
                "T_AFTER" => t.End is { } end ? $"{e} > {Param(end.UtcDateTime)}" : "false",
                _ => "(" + string.Join(" AND ", new[] { t.Start is { } s2 ? $"{e} >= {Param(s2.UtcDateTime)}" : null, t.End is { } e2 ? $"{e} <= {Param(e2.UtcDateTime)}" : null }.Where(x => x is not null).DefaultIfEmpty($"{e} IS NOT NULL")) + ")",
            };
        }

        return Visit(node);
    }
}
