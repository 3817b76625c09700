using NetTopologySuite.Geometries;

namespace GeoGrid.Storage.Collections.Cql;

/// <summary>A parsed CQL2 filter (text or JSON encoding give the same tree).</summary>
public abstract record CqlNode;

/// <summary>AND / OR of several conditions.</summary>
public sealed record CqlLogical(bool IsAnd, IReadOnlyList<CqlNode> Args) : CqlNode;

/// <summary>NOT of a condition.</summary>
public sealed record CqlNot(CqlNode Arg) : CqlNode;

/// <summary><c>property op value</c> with op one of = &lt;&gt; &lt; &lt;= &gt; &gt;=.</summary>
public sealed record CqlComparison(string Property, string Op, object Value, CqlFold Fold = CqlFold.None) : CqlNode;

/// <summary>CASEI / ACCENTI around an operand: compare without regard to case and/or accents.</summary>
[Flags]
public enum CqlFold
{
    None = 0,
    Case = 1,
    Accent = 2,
}

/// <summary>A literal wrapped in CASEI and/or ACCENTI.</summary>
public sealed record CqlFolded(object Value, CqlFold Fold);

/// <summary><c>property LIKE 'pattern'</c> (% and _ as in SQL).</summary>
public sealed record CqlLike(string Property, string Pattern, CqlFold Fold = CqlFold.None, CqlFold PatternFold = CqlFold.None) : CqlNode;

/// <summary><c>property IN (values)</c>.</summary>
public sealed record CqlIn(string Property, IReadOnlyList<object> Values, CqlFold Fold = CqlFold.None) : CqlNode;

/// <summary><c>property BETWEEN low AND high</c>.</summary>
public sealed record CqlBetween(string Property, object Low, object High) : CqlNode;

/// <summary><c>property IS NULL</c>.</summary>
public sealed record CqlIsNull(string Property) : CqlNode;

/// <summary>Another property as the right-hand side of a comparison (<c>closed_at &gt; created_at</c>).</summary>
public sealed record CqlPropertyRef(string Name);

/// <summary>Arithmetic of numbers and numeric properties: + - * / % div ^ (operands: double,
/// <see cref="CqlPropertyRef"/> or another <see cref="CqlArithmetic"/>).</summary>
public sealed record CqlArithmetic(string Op, object Left, object Right)
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string> { "+", "-", "*", "/", "%", "^", "div" };
}

/// <summary>A comparison whose left side is arithmetic (<c>households / 10 &gt; workers</c>).</summary>
public sealed record CqlExpressionComparison(object Left, string Op, object Right) : CqlNode;

/// <summary>One of <see cref="CqlSpatial.Functions"/> of a geometry property (<see cref="Property"/>, the
/// queryable <c>geometry</c>) and a literal (in the filter CRS).</summary>
public sealed record CqlSpatial(string Op, Geometry Geometry, string Property = CqlSpatial.GeometryProperty) : CqlNode
{
    /// <summary>The queryable name of a feature's geometry, as <c>/queryables</c> lists it.</summary>
    public const string GeometryProperty = "geometry";

    /// <summary>The spatial functions of CQL2 1.0 (S_DWITHIN aside) and the PostGIS predicate of each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Functions = new Dictionary<string, string>
    {
        ["S_INTERSECTS"] = "ST_Intersects", ["S_WITHIN"] = "ST_Within", ["S_CONTAINS"] = "ST_Contains", ["S_CROSSES"] = "ST_Crosses",
        ["S_TOUCHES"] = "ST_Touches", ["S_OVERLAPS"] = "ST_Overlaps", ["S_DISJOINT"] = "ST_Disjoint", ["S_EQUALS"] = "ST_Equals",
    };
}

/// <summary>S_DWITHIN: the geometry property within <see cref="Metres"/> of a literal, measured geodesically.</summary>
public sealed record CqlDWithin(Geometry Geometry, double Metres, string Property = CqlSpatial.GeometryProperty) : CqlNode;

/// <summary>One of the fifteen temporal functions (<see cref="Functions"/>) of a time property and an
/// instant or interval literal (null = open end).</summary>
public sealed record CqlTemporal(string Property, string Op, DateTimeOffset? Start, DateTimeOffset? End) : CqlNode
{
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>
    {
        "T_AFTER", "T_BEFORE", "T_CONTAINS", "T_DISJOINT", "T_DURING", "T_EQUALS", "T_FINISHEDBY", "T_FINISHES",
        "T_INTERSECTS", "T_MEETS", "T_METBY", "T_OVERLAPPEDBY", "T_OVERLAPS", "T_STARTEDBY", "T_STARTS",
    };
}

/// <summary>A_EQUALS / A_CONTAINS / A_CONTAINEDBY / A_OVERLAPS of an array property and an array literal.</summary>
public sealed record CqlArray(string Op, string Property, IReadOnlyList<object> Values) : CqlNode
{
    /// <summary>The array functions of CQL2 and the PostgreSQL array operator of each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Functions = new Dictionary<string, string>
    {
        ["A_EQUALS"] = "=", ["A_CONTAINS"] = "@>", ["A_CONTAINEDBY"] = "<@", ["A_OVERLAPS"] = "&&",
    };
}
