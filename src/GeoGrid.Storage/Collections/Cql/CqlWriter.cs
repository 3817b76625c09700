using System.Globalization;
using NetTopologySuite.IO;

namespace GeoGrid.Storage.Collections.Cql;

/// <summary>
/// Writes a <see cref="CqlNode"/> as CQL2 text in one canonical spelling: keywords upper case, every
/// property quoted, every group parenthesised, instants in UTC. Two filters mean the same tree exactly when
/// their canonical texts are equal — which is how a text and a JSON filter are shown to agree — and
/// reading the canonical text back gives the same tree again.
/// </summary>
public static class CqlWriter
{
    public static string Write(CqlNode node) => node switch
    {
        CqlLogical l => "(" + string.Join(l.IsAnd ? " AND " : " OR ", l.Args.Select(Write)) + ")",
        CqlNot n => $"NOT ({Write(n.Arg)})",
        CqlConstant c => c.Value ? "TRUE" : "FALSE",
        CqlComparison c => $"{Write(c.Left)} {c.Op} {Write(c.Right)}",
        CqlLike l => $"{Write(l.Value)} LIKE {Write(l.Pattern)}",
        CqlIn i => $"{Write(i.Value)} IN ({string.Join(", ", i.List.Select(Write))})",
        CqlBetween b => $"{Write(b.Value)} BETWEEN {Write(b.Low)} AND {Write(b.High)}",
        CqlIsNull i => $"{Write(i.Operand)} IS NULL",
        CqlSpatial s => $"{s.Op}({Write(s.A)}, {Write(s.B)})",
        CqlDWithin d => $"S_DWITHIN({Write(d.A)}, {Write(d.B)}, {Number(d.Metres)})",
        CqlTemporal t => $"{t.Op}({Write(t.A)}, {Write(t.B)})",
        CqlArray a => $"{a.Op}({Write(a.A)}, {Write(a.B)})",
        CqlFunctionCondition f => Write(f.Call),
        _ => throw new ArgumentException($"unknown node {node.GetType().Name}", nameof(node)),
    };

    public static string Write(CqlExpr expr) => expr switch
    {
        CqlProperty p => "\"" + p.Name + "\"",
        CqlLiteral { Value: string s } => Quote(s),
        CqlLiteral { Value: double d } => Number(d),
        CqlLiteral { Value: bool b } => b ? "TRUE" : "FALSE",
        CqlInstant i => i.IsDate ? $"DATE({Quote(Date(i))})" : $"TIMESTAMP({Quote(Timestamp(i))})",
        CqlInterval i => $"INTERVAL({End(i.Start)}, {End(i.End)})",
        CqlGeometry g => new WKTWriter(4).Write(g.Value),
        CqlArrayLiteral a => "(" + string.Join(", ", a.Items.Select(Write)) + ")",
        CqlFolded f => (f.Fold.HasFlag(CqlFold.Case), f.Fold.HasFlag(CqlFold.Accent)) switch
        {
            (true, true) => $"CASEI(ACCENTI({Write(f.Inner)}))",
            (true, false) => $"CASEI({Write(f.Inner)})",
            _ => $"ACCENTI({Write(f.Inner)})",
        },
        CqlArithmetic a => $"({Write(a.Left)} {a.Op} {Write(a.Right)})",
        CqlFunction f => $"{f.Name}({string.Join(", ", f.Args.Select(Write))})",
        _ => throw new ArgumentException($"unknown operand {expr.GetType().Name}", nameof(expr)),
    };

    // Inside INTERVAL an instant is written as its text, as CQL2 text spells it.
    private static string End(CqlExpr? end) => end switch
    {
        null => "'..'",
        CqlInstant i => Quote(i.IsDate ? Date(i) : Timestamp(i)),
        _ => Write(end),
    };

    private static string Date(CqlInstant i) => i.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Timestamp(CqlInstant i) => i.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
}
