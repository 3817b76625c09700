using System.Globalization;

namespace GeoGrid.Storage.Collections.Cql;

/// <summary>
/// Translates a <see cref="CqlNode"/> into an SQL condition over the table alias <c>t</c>. Property
/// names resolve only through the collection's catalog expressions; every value, pattern and geometry
/// becomes a parameter appended to <c>args</c>. Geometry literals are in <c>filterSrid</c>. Each operand
/// has a kind (number, text, instant, …) from its property or literal; an operand of the wrong kind for
/// its place is refused here, by name, rather than failing as a cast in PostgreSQL.
/// </summary>
public static class CqlSql
{
    /// <summary>The largest S_DWITHIN distance: farther than anything in a province, small enough that
    /// PostGIS never measures around the globe.</summary>
    public const double MaxDistance = 1_000_000;

    public static string Translate(CqlNode node, Collection collection, List<object> args, int filterSrid = 4326) =>
        new Translator(collection, args, filterSrid).Condition(node);

    private enum Kind
    {
        Number,
        Text,
        Instant,
        Boolean,
        Geometry,
        Array,
    }

    /// <summary>An operand in SQL: <see cref="Sql"/> has the kind's type; <see cref="AsText"/> is its text
    /// (a property of any kind may be compared as text with a text literal); <see cref="Label"/> names it
    /// in messages.</summary>
    private sealed record Operand(string Sql, Kind Kind, string Label, string? AsText, bool IsProperty);

    private sealed class Translator(Collection collection, List<object> args, int filterSrid)
    {
        public string Condition(CqlNode n) => n switch
        {
            CqlLogical { Args.Count: < 2 } l => throw new CqlException($"{(l.IsAnd ? "and" : "or")} takes at least two conditions"),
            CqlLogical l => "(" + string.Join(l.IsAnd ? " AND " : " OR ", l.Args.Select(Condition)) + ")",
            CqlNot x => $"NOT ({Condition(x.Arg)})",
            CqlConstant c => c.Value ? "TRUE" : "FALSE",
            CqlComparison c => Compare(c.Left, c.Op, c.Right),
            CqlLike l => Like(l),
            CqlIn i => "(" + string.Join(" OR ", i.List.Select(v => Compare(i.Value, "=", v))) + ")",
            CqlBetween b => $"({Compare(b.Value, ">=", b.Low)} AND {Compare(b.Value, "<=", b.High)})",
            CqlIsNull { Operand: CqlProperty { Name: CqlSpatial.GeometryProperty } } => "t.geom IS NULL",
            CqlIsNull { Operand: CqlProperty p } => $"({Property(p.Name).Expression}) IS NULL",
            CqlIsNull i => $"({Scalar(i.Operand).Sql}) IS NULL",
            CqlSpatial s => CqlSpatial.Functions.TryGetValue(s.Op, out var predicate)
                ? $"{predicate}({Geometry(s.A, s.Op)}, {Geometry(s.B, s.Op)})"
                : throw new CqlException($"unsupported spatial function {s.Op}"),
            CqlDWithin d => !double.IsFinite(d.Metres) || d.Metres < 0 || d.Metres > MaxDistance
                ? throw new CqlException($"S_DWITHIN distance must be from 0 to {MaxDistance} m")
                : $"ST_DWithin(({Geometry(d.A, "S_DWITHIN")})::geography, ({Geometry(d.B, "S_DWITHIN")})::geography, {Param(d.Metres)})",
            CqlTemporal t => Temporal(t),
            CqlArray a => CqlArray.Functions.TryGetValue(a.Op, out var op)
                ? $"{Array(a.A, a.Op)} {op} {Array(a.B, a.Op)}"
                : throw new CqlException($"unsupported array function {a.Op}"),
            CqlFunctionCondition f => throw Unknown(f.Call),
            _ => throw new CqlException($"unsupported filter {n.GetType().Name}"),
        };

        private string Param(object value)
        {
            args.Add(value);
            return "$" + args.Count;
        }

        private CollectionProperty Property(string name) =>
            collection.Properties.FirstOrDefault(p => p.Name == name)
            ?? throw new CqlException($"unknown property '{name}'; {collection.Id} has {string.Join(", ", collection.Properties.Select(p => p.Name))}");

        private static CqlException Unknown(CqlFunction f) =>
            new($"unknown function '{f.Name}': GeoGrid defines no functions of its own (/functions lists none)");

        /// <summary>A scalar operand: a property, literal, instant or arithmetic (not folded).</summary>
        private Operand Scalar(CqlExpr e) => e switch
        {
            CqlProperty { Name: CqlSpatial.GeometryProperty } => new("t.geom", Kind.Geometry, "geometry", null, true),
            CqlProperty p => OperandOf(Property(p.Name)),
            CqlLiteral { Value: double d } => new($"{Param(d)}::float8", Kind.Number, d.ToString("R", CultureInfo.InvariantCulture), null, false),
            CqlLiteral { Value: string s } => Literal(Param(s), Kind.Text, $"'{s}'"),
            CqlLiteral { Value: bool b } => Literal(Param(b ? "true" : "false"), Kind.Boolean, b ? "TRUE" : "FALSE"),
            CqlInstant i => new($"{Param(i.Start.UtcDateTime)}::timestamptz", Kind.Instant, i.IsDate ? "a DATE" : "a TIMESTAMP", null, false),
            CqlArithmetic a => new(Arith(a), Kind.Number, "arithmetic", null, false),
            CqlFunction f => throw Unknown(f),
            CqlFolded => throw new CqlException("CASEI and ACCENTI belong in comparisons, LIKE and IN"),
            CqlGeometry => throw new CqlException("a geometry is compared only by the spatial functions"),
            CqlInterval => throw new CqlException("an interval is compared only by the temporal functions"),
            CqlArrayLiteral => throw new CqlException("an array is compared only by the array functions"),
            _ => throw new CqlException($"unsupported operand {e.GetType().Name}"),
        };

        /// <summary>A text or boolean literal: a parameter, compared as text with properties of any kind.</summary>
        private static Operand Literal(string sql, Kind kind, string label) => new(sql, kind, label, sql, false);

        private static Operand OperandOf(CollectionProperty p) => p.Type switch
        {
            "integer" or "number" => new($"({p.Expression})::float8", Kind.Number, $"'{p.Name}'", $"({p.Expression})::text", true),
            "date-time" => new($"({p.Expression})::timestamptz", Kind.Instant, $"'{p.Name}'", $"({p.Expression})::text", true),
            "array" => new($"({p.Expression})", Kind.Array, $"'{p.Name}'", null, true),
            _ => new($"({p.Expression})::text", Kind.Text, $"'{p.Name}'", $"({p.Expression})::text", true),
        };

        // Numbers compare as numbers, instants as timestamps, texts as texts; a property of any kind
        // compares as text with a text or boolean literal. CASEI lowers both sides, ACCENTI strips
        // accents (PostgreSQL's unaccent); either makes it a comparison of texts.
        private string Compare(CqlExpr left, string op, CqlExpr right)
        {
            if (!CqlComparison.Operators.Contains(op))
            {
                throw new CqlException($"unknown comparison '{op}'");
            }

            if (left is CqlFolded || right is CqlFolded)
            {
                var fold = FoldOf(left) | FoldOf(right);
                return $"{Folded(FoldedText(left), fold)} {op} {Folded(FoldedText(right), fold)}";
            }

            var (l, r) = (Scalar(left), Scalar(right));
            return (l.Kind, r.Kind) switch
            {
                _ when l.Kind == r.Kind && l.Kind is Kind.Number or Kind.Instant or Kind.Text or Kind.Boolean => $"{l.Sql} {op} {r.Sql}",
                (Kind.Instant, _) or (_, Kind.Instant) when l.IsProperty && r.IsProperty => throw new CqlException($"{l.Label} and {r.Label} cannot be compared: only one is a time"),
                (Kind.Instant, _) or (_, Kind.Instant) => throw new CqlException($"{(l.Kind == Kind.Instant ? r : l).Label} is not a date or time; it cannot be compared with a DATE or TIMESTAMP"),
                (Kind.Number, _) or (_, Kind.Number) when !(l.IsProperty && r.IsProperty) && (l.Kind == Kind.Number ? l : r) is { IsProperty: false } && (l.Kind == Kind.Number ? r : l).Kind != Kind.Number
                    => throw new CqlException($"{(l.Kind == Kind.Number ? r : l).Label} is not a number"),
                _ when l.AsText is { } lt && r.AsText is { } rt => $"{lt} {op} {rt}",
                _ => throw new CqlException($"{l.Label} and {r.Label} cannot be compared"),
            };
        }

        private static CqlFold FoldOf(CqlExpr e) => e is CqlFolded f ? f.Fold : CqlFold.None;

        /// <summary>The text of a (possibly folded) property or text literal.</summary>
        private string FoldedText(CqlExpr e) => (e is CqlFolded f ? f.Inner : e) switch
        {
            CqlLiteral { Value: string s } => $"{Param(s)}::text",
            CqlProperty { Name: not CqlSpatial.GeometryProperty } p when OperandOf(Property(p.Name)) is { AsText: { } text } => text,
            CqlProperty p => throw new CqlException($"'{p.Name}' is not a text; CASEI and ACCENTI take texts"),
            CqlFunction fn => throw Unknown(fn),
            _ => throw new CqlException("CASEI and ACCENTI take text"),
        };

        private static string Folded(string sql, CqlFold fold)
        {
            if (fold.HasFlag(CqlFold.Accent))
            {
                sql = $"unaccent({sql})";
            }

            return fold.HasFlag(CqlFold.Case) ? $"lower({sql})" : sql;
        }

        private string Like(CqlLike l)
        {
            if (l.Pattern is not (CqlLiteral { Value: string } or CqlFolded { Inner: CqlLiteral { Value: string } }))
            {
                throw new CqlException("LIKE needs a text pattern");
            }

            var fold = FoldOf(l.Value) | FoldOf(l.Pattern);
            var value = l.Value is CqlFolded ? FoldedText(l.Value) : Scalar(l.Value) is { AsText: { } text } ? text : throw new CqlException("LIKE compares a text");
            return $"{Folded(value, fold)} LIKE {Folded(FoldedText(l.Pattern), fold)}";
        }

        // Arithmetic is on numbers: a property in it must be numeric; division by zero gives no value (the
        // comparison is then unknown, so false) rather than a database error.
        private string Arith(CqlExpr operand) => operand switch
        {
            CqlArithmetic { Op: "/" } a => $"({Arith(a.Left)} / NULLIF({Arith(a.Right)}, 0))",
            CqlArithmetic { Op: "%" } a => $"mod(({Arith(a.Left)})::numeric, NULLIF(({Arith(a.Right)})::numeric, 0))::float8",
            CqlArithmetic { Op: "div" } a => $"div(({Arith(a.Left)})::numeric, NULLIF(({Arith(a.Right)})::numeric, 0))::float8",
            CqlArithmetic { Op: "^" } a => $"power({Arith(a.Left)}, {Arith(a.Right)})",
            CqlArithmetic a when a.Op is "+" or "-" or "*" => $"({Arith(a.Left)} {a.Op} {Arith(a.Right)})",
            CqlArithmetic a => throw new CqlException($"unknown arithmetic '{a.Op}'"),
            CqlProperty p when Scalar(p) is { Kind: Kind.Number } n => n.Sql,
            CqlProperty p => throw new CqlException($"'{p.Name}' is not a number; arithmetic takes numbers"),
            CqlLiteral { Value: double d } => $"{Param(d)}::float8",
            CqlFunction f => throw Unknown(f),
            _ => throw new CqlException("arithmetic takes numbers and numeric properties"),
        };

        /// <summary>A geometry operand: the feature's geometry, or a literal moved from the filter CRS into storage.</summary>
        private string Geometry(CqlExpr e, string function)
        {
            switch (e)
            {
                case CqlProperty { Name: CqlSpatial.GeometryProperty }:
                    return "t.geom";
                case CqlProperty p:
                    throw new CqlException($"'{p.Name}' is not a geometry; the spatial functions take the property '{CqlSpatial.GeometryProperty}'");
                case CqlFunction f:
                    throw Unknown(f);
                case CqlGeometry { Value: var g }:
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
                default:
                    throw new CqlException($"{function} takes geometries: the property '{CqlSpatial.GeometryProperty}' or a WKT, GeoJSON or BBOX literal");
            }
        }

        /// <summary>An array operand: an array property, or a literal of texts, numbers and booleans.</summary>
        private string Array(CqlExpr e, string function) => e switch
        {
            CqlProperty p when Scalar(p) is { Kind: Kind.Array } a => a.Sql,
            CqlProperty p => throw new CqlException($"'{p.Name}' is not an array; the array functions take one"),
            CqlArrayLiteral l => $"{Param(l.Items.Select(i => i is CqlLiteral { Value: var v and (string or double or bool) }
                ? v is bool b ? (b ? "true" : "false") : Convert.ToString(v, CultureInfo.InvariantCulture)!
                : throw new CqlException("array literals hold texts, numbers and booleans")).ToArray())}::text[]",
            CqlFunction f => throw Unknown(f),
            _ => throw new CqlException($"{function} takes arrays: an array property or a literal such as ('a', 'b')"),
        };

        private string Temporal(CqlTemporal t)
        {
            // Each side is an interval [s, e]: an instant property or TIMESTAMP is [p, p], a DATE its whole
            // day, an INTERVAL its ends (open: minus or plus infinity). Each function is its relation of
            // Allen's algebra, as CQL2 defines them on the two intervals' ends.
            var (@as, ae) = Interval(t.A, t.Op);
            var (bs, be) = Interval(t.B, t.Op);
            return t.Op switch
            {
                "T_AFTER" => $"({@as} > {be})",
                "T_BEFORE" => $"({ae} < {bs})",
                "T_CONTAINS" => $"({@as} < {bs} AND {ae} > {be})",
                "T_DISJOINT" => $"({@as} > {be} OR {ae} < {bs})",
                "T_DURING" => $"({@as} > {bs} AND {ae} < {be})",
                "T_EQUALS" => $"({@as} = {bs} AND {ae} = {be})",
                "T_FINISHEDBY" => $"({@as} < {bs} AND {ae} = {be})",
                "T_FINISHES" => $"({@as} > {bs} AND {ae} = {be})",
                "T_INTERSECTS" => $"({@as} <= {be} AND {ae} >= {bs})",
                "T_MEETS" => $"({ae} = {bs})",
                "T_METBY" => $"({@as} = {be})",
                "T_OVERLAPPEDBY" => $"({@as} > {bs} AND {@as} < {be} AND {ae} > {be})",
                "T_OVERLAPS" => $"({@as} < {bs} AND {ae} > {bs} AND {ae} < {be})",
                "T_STARTEDBY" => $"({@as} = {bs} AND {ae} > {be})",
                "T_STARTS" => $"({@as} = {bs} AND {ae} < {be})",
                _ => throw new CqlException($"unsupported temporal function {t.Op}"),
            };
        }

        private (string Start, string End) Interval(CqlExpr e, string function)
        {
            switch (e)
            {
                case CqlInterval i:
                    return (End(i.Start, start: true, function), End(i.End, start: false, function));
                case CqlInstant i:
                    return (Param(i.Start.UtcDateTime) + "::timestamptz", Param(i.End.UtcDateTime) + "::timestamptz");
                default:
                    var at = End(e, start: true, function);
                    return (at, at);
            }
        }

        private string End(CqlExpr? e, bool start, string function) => e switch
        {
            null => start ? "'-infinity'::timestamptz" : "'infinity'::timestamptz",
            CqlInstant i => Param((start ? i.Start : i.End).UtcDateTime) + "::timestamptz",
            CqlProperty p when Scalar(p) is { Kind: Kind.Instant } q => q.Sql,
            CqlProperty p => throw new CqlException($"'{p.Name}' is not a time property"),
            CqlFunction f => throw Unknown(f),
            _ => throw new CqlException($"{function.ToLowerInvariant()}: expected a time property, a date, a timestamp or an interval"),
        };
    }
}
