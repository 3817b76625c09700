using NetTopologySuite.Geometries;

namespace GeoGrid.Storage.Collections.Cql;

/// <summary>A parsed CQL2 condition (text and JSON encodings give the same tree). Operands are
/// <see cref="CqlExpr"/>s on either side, as CQL2 allows: <c>0 = (households % 2)</c>,
/// <c>S_EQUALS(POLYGON(…), geometry)</c>, <c>T_DURING(INTERVAL(starts, ends), INTERVAL(…))</c>. Whether a
/// property exists and has the kind its place needs is decided later, against a collection, by
/// <see cref="CqlSql"/>.</summary>
public abstract record CqlNode;

/// <summary>AND / OR of several conditions.</summary>
public sealed record CqlLogical(bool IsAnd, IReadOnlyList<CqlNode> Args) : CqlNode;

/// <summary>NOT of a condition.</summary>
public sealed record CqlNot(CqlNode Arg) : CqlNode;

/// <summary>TRUE or FALSE as a whole condition.</summary>
public sealed record CqlConstant(bool Value) : CqlNode;

/// <summary><c>left op right</c> with op one of = &lt;&gt; &lt; &lt;= &gt; &gt;=.</summary>
public sealed record CqlComparison(CqlExpr Left, string Op, CqlExpr Right) : CqlNode
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string> { "=", "<>", "<", "<=", ">", ">=" };
}

/// <summary><c>value LIKE pattern</c> (% and _ as in SQL).</summary>
public sealed record CqlLike(CqlExpr Value, CqlExpr Pattern) : CqlNode;

/// <summary><c>value IN (list)</c>.</summary>
public sealed record CqlIn(CqlExpr Value, IReadOnlyList<CqlExpr> List) : CqlNode;

/// <summary><c>value BETWEEN low AND high</c>.</summary>
public sealed record CqlBetween(CqlExpr Value, CqlExpr Low, CqlExpr High) : CqlNode;

/// <summary><c>operand IS NULL</c>.</summary>
public sealed record CqlIsNull(CqlExpr Operand) : CqlNode;

/// <summary>One of <see cref="Functions"/> of two geometries (a geometry property or a literal in the filter CRS).</summary>
public sealed record CqlSpatial(string Op, CqlExpr A, CqlExpr B) : CqlNode
{
    /// <summary>The queryable name of a feature's geometry, as <c>/queryables</c> lists it.</summary>
    public const string GeometryProperty = "geometry";

    /// <summary>The feature's geometry against a literal: what bbox and WMS queries ask.</summary>
    public CqlSpatial(string op, Geometry literal)
        : this(op, new CqlProperty(GeometryProperty), new CqlGeometry(literal))
    {
    }

    /// <summary>The spatial functions of CQL2 1.0 and the PostGIS predicate of each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Functions = new Dictionary<string, string>
    {
        ["S_INTERSECTS"] = "ST_Intersects", ["S_WITHIN"] = "ST_Within", ["S_CONTAINS"] = "ST_Contains", ["S_CROSSES"] = "ST_Crosses",
        ["S_TOUCHES"] = "ST_Touches", ["S_OVERLAPS"] = "ST_Overlaps", ["S_DISJOINT"] = "ST_Disjoint", ["S_EQUALS"] = "ST_Equals",
    };
}

/// <summary>S_DWITHIN (GeoGrid's addition): two geometries within <see cref="Metres"/>, measured geodesically.</summary>
public sealed record CqlDWithin(CqlExpr A, CqlExpr B, double Metres) : CqlNode;

/// <summary>One of the fifteen temporal functions (<see cref="Functions"/>) of two instants or intervals.</summary>
public sealed record CqlTemporal(string Op, CqlExpr A, CqlExpr B) : CqlNode
{
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>
    {
        "T_AFTER", "T_BEFORE", "T_CONTAINS", "T_DISJOINT", "T_DURING", "T_EQUALS", "T_FINISHEDBY", "T_FINISHES",
        "T_INTERSECTS", "T_MEETS", "T_METBY", "T_OVERLAPPEDBY", "T_OVERLAPS", "T_STARTEDBY", "T_STARTS",
    };
}

/// <summary>A_EQUALS / A_CONTAINS / A_CONTAINEDBY / A_OVERLAPS of two arrays (an array property or literal).</summary>
public sealed record CqlArray(string Op, CqlExpr A, CqlExpr B) : CqlNode
{
    /// <summary>The array functions of CQL2 and the PostgreSQL array operator of each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Functions = new Dictionary<string, string>
    {
        ["A_EQUALS"] = "=", ["A_CONTAINS"] = "@>", ["A_CONTAINEDBY"] = "<@", ["A_OVERLAPS"] = "&&",
    };
}

/// <summary>A function call standing as a condition (<c>isValid(geometry)</c>).</summary>
public sealed record CqlFunctionCondition(CqlFunction Call) : CqlNode;

/// <summary>An operand of a condition.</summary>
public abstract record CqlExpr;

/// <summary>A queryable of the collection, by name.</summary>
public sealed record CqlProperty(string Name) : CqlExpr;

/// <summary>A text, number (double) or boolean literal.</summary>
public sealed record CqlLiteral(object Value) : CqlExpr;

/// <summary>TIMESTAMP (<see cref="Start"/> = <see cref="End"/>) or DATE (its whole day, China Standard Time
/// unless an offset is given — the time rule of <see cref="Core.Values.Instants"/>).</summary>
public sealed record CqlInstant(DateTimeOffset Start, DateTimeOffset End, bool IsDate) : CqlExpr;

/// <summary>INTERVAL(start, end): each end an instant, a property, a function or open (null, <c>'..'</c>).</summary>
public sealed record CqlInterval(CqlExpr? Start, CqlExpr? End) : CqlExpr;

/// <summary>A geometry literal (WKT, GeoJSON or BBOX), in the filter CRS.</summary>
public sealed record CqlGeometry(Geometry Value) : CqlExpr;

/// <summary>An array literal: <c>('a', 'b')</c> or <c>["a", "b"]</c>.</summary>
public sealed record CqlArrayLiteral(IReadOnlyList<CqlExpr> Items) : CqlExpr;

/// <summary>CASEI / ACCENTI around an operand: compare without regard to case and/or accents.</summary>
public sealed record CqlFolded(CqlExpr Inner, CqlFold Fold) : CqlExpr;

[Flags]
public enum CqlFold
{
    None = 0,
    Case = 1,
    Accent = 2,
}

/// <summary>Arithmetic of numbers and numeric properties: + - * / % div ^.</summary>
public sealed record CqlArithmetic(string Op, CqlExpr Left, CqlExpr Right) : CqlExpr
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string> { "+", "-", "*", "/", "%", "^", "div" };
}

/// <summary>A call of a function by name (<c>avg(windSpeed)</c>). GeoGrid defines none (<c>/functions</c>
/// lists none), so it parses and is refused by name when translated.</summary>
public sealed record CqlFunction(string Name, IReadOnlyList<CqlExpr> Args) : CqlExpr;
