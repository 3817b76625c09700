namespace GeoGrid.Storage.Collections.Cql;

/// <summary>
/// Translates a <see cref="CqlNode"/> into an SQL condition over the table alias <c>t</c>. Property
/// names resolve only through the collection's catalog expressions; every value, pattern and geometry
/// becomes a parameter appended to <c>args</c>. Geometry literals are in <c>filterSrid</c>.
/// </summary>
public static class CqlSql
{
    /// <summary>The largest S_DWITHIN distance: farther than anything in a province, small enough that
    /// PostGIS never measures around the globe.</summary>
    public const double MaxDistance = 1_000_000;

    public static string Translate(CqlNode node, Collection collection, List<object> args, int filterSrid = 4326)
    {
        string Param(object value)
        {
            args.Add(value);
            return "$" + args.Count;
        }

        string Geometry(NetTopologySuite.Geometries.Geometry g)
        {
            // A literal outside its CRS (1e20 m in EPSG:4547) makes ST_Transform fail; refuse it by name.
            if (Core.Crs.CrsDomain.Check(g, (Core.Crs.Crs)filterSrid) is { } outside)
            {
                throw new CqlException($"geometry literal: {outside}");
            }

            // A zero-area or self-crossing literal selects by accident, if at all.
            if (new NetTopologySuite.Operation.Valid.IsValidOp(g).ValidationError is { } invalid)
            {
                throw new CqlException($"geometry literal is not valid: {invalid.Message} at {invalid.Coordinate}");
            }

            var copy = g.Copy();
            copy.SRID = filterSrid;
            return $"ST_Transform({Param(copy)}::geometry, 4490)";
        }

        CollectionProperty Property(string name) =>
            collection.Properties.FirstOrDefault(p => p.Name == name)
            ?? throw new CqlException($"unknown property '{name}'; {collection.Id} has {string.Join(", ", collection.Properties.Select(p => p.Name))}");

        // The first argument of a spatial function must be the geometry, not any name at all.
        string GeometryProperty(string name, string sql) => name == CqlSpatial.GeometryProperty ? sql
            : throw new CqlException($"'{name}' is not a geometry; the spatial functions take the property '{CqlSpatial.GeometryProperty}'");

        // Numbers compare as numbers, instants as timestamps, everything else as text; a value of the
        // wrong kind for its property is refused here rather than failing as a cast in PostgreSQL.
        // CASEI lowers both sides, ACCENTI strips accents (PostgreSQL's unaccent); either makes it a text comparison.
        static string Folded(string sql, CqlFold fold)
        {
            if (fold.HasFlag(CqlFold.Accent))
            {
                sql = $"unaccent({sql})";
            }

            return fold.HasFlag(CqlFold.Case) ? $"lower({sql})" : sql;
        }

        // Arithmetic is on numbers: a property in it must be numeric; division by zero gives no value (the
        // comparison is then unknown, so false) rather than a database error.
        string Arith(object operand) => operand switch
        {
            double d => $"{Param(d)}::float8",
            CqlPropertyRef r when Property(r.Name) is { Type: "integer" or "number" } q => $"({q.Expression})::float8",
            CqlPropertyRef r => throw new CqlException($"'{r.Name}' is not a number; arithmetic takes numbers"),
            CqlArithmetic { Op: "/" } a => $"({Arith(a.Left)} / NULLIF({Arith(a.Right)}, 0))",
            CqlArithmetic { Op: "%" } a => $"mod(({Arith(a.Left)})::numeric, NULLIF(({Arith(a.Right)})::numeric, 0))::float8",
            CqlArithmetic { Op: "div" } a => $"div(({Arith(a.Left)})::numeric, NULLIF(({Arith(a.Right)})::numeric, 0))::float8",
            CqlArithmetic { Op: "^" } a => $"power({Arith(a.Left)}, {Arith(a.Right)})",
            CqlArithmetic a when a.Op is "+" or "-" or "*" => $"({Arith(a.Left)} {a.Op} {Arith(a.Right)})",
            _ => throw new CqlException("arithmetic takes numbers and numeric properties"),
        };

        string Compare(CollectionProperty p, string op, object value, CqlFold fold = CqlFold.None) => value switch
        {
            CqlArithmetic a when fold == CqlFold.None => $"{Arith(new CqlPropertyRef(p.Name))} {op} {Arith(a)}",
            CqlFolded f => $"{Folded($"({p.Expression})::text", fold | f.Fold)} {op} {Folded(Param(Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture)!) + "::text", fold | f.Fold)}",
            _ when fold != CqlFold.None => $"{Folded($"({p.Expression})::text", fold)} {op} {Folded(Param(Convert.ToString(value is CqlPropertyRef ? throw new CqlException("CASEI/ACCENTI compare a property with a text") : value, System.Globalization.CultureInfo.InvariantCulture)!) + "::text", fold)}",
            CqlPropertyRef r => CompareProperties(p, op, Property(r.Name)),
            double d when p.Type is "integer" or "number" => $"({p.Expression})::float8 {op} {Param(d)}",
            double => throw new CqlException($"'{p.Name}' is not a number"),
            DateTimeOffset t when p.Type == "date-time" => $"({p.Expression})::timestamptz {op} {Param(t.UtcDateTime)}",
            DateTimeOffset => throw new CqlException($"'{p.Name}' is not a date or time; it cannot be compared with a DATE or TIMESTAMP"),
            bool b => $"({p.Expression})::text {op} {Param(b ? "true" : "false")}",
            _ => $"({p.Expression})::text {op} {Param(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!)}",
        };

        // Two properties compare as numbers when both are, as instants when both are, else as text.
        static string CompareProperties(CollectionProperty a, string op, CollectionProperty b) =>
            (a.Type, b.Type) switch
            {
                ("integer" or "number", "integer" or "number") => $"({a.Expression})::float8 {op} ({b.Expression})::float8",
                ("date-time", "date-time") => $"({a.Expression})::timestamptz {op} ({b.Expression})::timestamptz",
                ("date-time", _) or (_, "date-time") => throw new CqlException($"'{a.Name}' and '{b.Name}' cannot be compared: only one is a time"),
                _ => $"({a.Expression})::text {op} ({b.Expression})::text",
            };

        string Visit(CqlNode n) => n switch
        {
            CqlLogical { Args.Count: < 2 } l => throw new CqlException($"{(l.IsAnd ? "and" : "or")} takes at least two conditions"),
            CqlLogical l => "(" + string.Join(l.IsAnd ? " AND " : " OR ", l.Args.Select(Visit)) + ")",
            CqlNot x => $"NOT ({Visit(x.Arg)})",
            CqlComparison c => Compare(Property(c.Property), c.Op, c.Value, c.Fold),
            CqlExpressionComparison e => $"{Arith(e.Left)} {e.Op} {Arith(e.Right)}",
            CqlLike l => $"{Folded($"({Property(l.Property).Expression})::text", l.Fold | l.PatternFold)} LIKE {Folded(Param(l.Pattern) + "::text", l.Fold | l.PatternFold)}",
            CqlIn i => "(" + string.Join(" OR ", i.Values.Select(v => Compare(Property(i.Property), "=", v, i.Fold))) + ")",
            CqlBetween b => $"({Compare(Property(b.Property), ">=", b.Low)} AND {Compare(Property(b.Property), "<=", b.High)})",
            CqlIsNull { Property: CqlSpatial.GeometryProperty } => "t.geom IS NULL",
            CqlIsNull i => $"({Property(i.Property).Expression}) IS NULL",
            CqlSpatial s => GeometryProperty(s.Property, CqlSpatial.Functions.TryGetValue(s.Op, out var predicate)
                ? $"{predicate}(t.geom, {Geometry(s.Geometry)})"
                : throw new CqlException($"unsupported spatial function {s.Op}")),
            CqlDWithin d => !double.IsFinite(d.Metres) || d.Metres < 0 || d.Metres > MaxDistance ? throw new CqlException($"S_DWITHIN distance must be from 0 to {MaxDistance} m")
                : GeometryProperty(d.Property, $"ST_DWithin(t.geom::geography, {Geometry(d.Geometry)}::geography, {Param(d.Metres)})"),
            CqlTemporal t => Temporal(t),
            CqlArray a => Property(a.Property) is { Type: "array" } ap
                ? $"({ap.Expression}) {CqlArray.Functions[a.Op]} {Param(a.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!).ToArray())}::text[]"
                : throw new CqlException($"'{a.Property}' is not an array; the array functions take one"),
            _ => throw new CqlException($"unsupported filter {n.GetType().Name}"),
        };

        string Temporal(CqlTemporal t)
        {
            var p = Property(t.Property);
            if (p.Type != "date-time")
            {
                throw new CqlException($"'{t.Property}' is not a time property");
            }

            // The property is an instant, [p, p]; the literal an interval [bs, be] (an instant: bs = be; an
            // open end is minus or plus infinity). Each function is its relation of Allen's algebra, as
            // CQL2 defines them on the two intervals' ends.
            var e = $"({p.Expression})";
            string Bound(DateTimeOffset? at, bool start) => at is { } t2 ? Param(t2.UtcDateTime) : start ? "'-infinity'::timestamptz" : "'infinity'::timestamptz";
            var bs = Bound(t.Start, start: true);
            var be = Bound(t.End, start: false);
            return t.Op switch
            {
                "T_AFTER" => $"({e} > {be})",
                "T_BEFORE" => $"({e} < {bs})",
                "T_CONTAINS" => $"({e} < {bs} AND {e} > {be})",
                "T_DISJOINT" => $"({e} > {be} OR {e} < {bs})",
                "T_DURING" => $"({e} > {bs} AND {e} < {be})",
                "T_EQUALS" => $"({e} = {bs} AND {e} = {be})",
                "T_FINISHEDBY" => $"({e} < {bs} AND {e} = {be})",
                "T_FINISHES" => $"({e} > {bs} AND {e} = {be})",
                "T_INTERSECTS" => $"({e} <= {be} AND {e} >= {bs})",
                "T_MEETS" => $"({e} = {bs})",
                "T_METBY" => $"({e} = {be})",
                "T_OVERLAPPEDBY" => $"({e} > {bs} AND {e} < {be} AND {e} > {be})",
                "T_OVERLAPS" => $"({e} < {bs} AND {e} > {bs} AND {e} < {be})",
                "T_STARTEDBY" => $"({e} = {bs} AND {e} > {be})",
                "T_STARTS" => $"({e} = {bs} AND {e} < {be})",
                _ => throw new CqlException($"unsupported temporal function {t.Op}"),
            };
        }

        return Visit(node);
    }
}
