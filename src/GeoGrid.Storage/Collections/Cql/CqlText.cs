using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoGrid.Storage.Collections.Cql;

/// <summary>
/// A recursive-descent parser for CQL2 text (OGC 21-065): comparisons, LIKE, IN, BETWEEN, IS NULL,
/// AND/OR/NOT, property–property comparisons, the spatial functions (S_INTERSECTS, S_WITHIN,
/// S_CONTAINS, S_CROSSES, S_TOUCHES, S_OVERLAPS, S_DISJOINT, S_EQUALS, S_DWITHIN) with WKT or BBOX literals, and
/// the fifteen temporal functions with TIMESTAMP, DATE or INTERVAL literals. Keywords are case-insensitive.
/// </summary>
public sealed class CqlText
{
    private static readonly string[] s_wkt = ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"];
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _i;
    private int _depth;
    private const int MaxDepth = 64;

    private CqlText(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static CqlNode Parse(string text)
    {
        var parser = new CqlText(text);
        var node = parser.Or();
        if (parser.Peek.Kind != Kind.End)
        {
            throw parser.Error($"unexpected '{parser.Peek.Text}'");
        }

        return node;
    }

    private Token Peek => _tokens[_i];

    private CqlNode Or()
    {
        var args = new List<CqlNode> { And() };
        while (Keyword("OR"))
        {
            args.Add(And());
        }

        return args.Count == 1 ? args[0] : new CqlLogical(false, args);
    }

    private CqlNode And()
    {
        var args = new List<CqlNode> { Not() };
        while (Keyword("AND"))
        {
            args.Add(Not());
        }

        return args.Count == 1 ? args[0] : new CqlLogical(true, args);
    }

    private CqlNode Not()
    {
        // Each nesting level is a stack frame of this parser; a hostile filter of 30,000 '(' must be a
        // refusal, not a stack overflow that takes the server down.
        if (++_depth > MaxDepth)
        {
            throw Error($"the filter nests deeper than {MaxDepth} levels");
        }

        var node = Keyword("NOT") ? new CqlNot(Not()) : Primary();
        _depth--;
        return node;
    }

    private CqlNode Primary()
    {
        if (Symbol("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        var fold = CqlFold.None;
        string name;
        if (FoldCall() is not null)
        {
            (name, fold) = FoldedProperty();
            return Predicate(name, fold);
        }

        name = Identifier();
        switch (name.ToUpperInvariant())
        {
            case var spatial when CqlSpatial.Functions.ContainsKey(spatial):
            {
                Expect("(");
                var property = Identifier();
                Expect(",");
                var g = GeometryLiteral();
                Expect(")");
                return new CqlSpatial(name.ToUpperInvariant(), g, property);
            }

            case "S_DWITHIN":
            {
                Expect("(");
                var property = Identifier();
                Expect(",");
                var g = GeometryLiteral();
                Expect(",");
                var d = Number();
                Expect(")");
                return new CqlDWithin(g, d, property);
            }

            case var temporal when CqlTemporal.Functions.Contains(temporal):
            {
                Expect("(");
                var property = Identifier();
                Expect(",");
                var (start, end) = TemporalLiteral();
                Expect(")");
                return new CqlTemporal(property, name.ToUpperInvariant(), start, end);
            }
        }

        return Predicate(name, fold);
    }

    /// <summary>What follows a property (or CASEI/ACCENTI of one): LIKE, IN, BETWEEN, IS NULL or a comparison.</summary>
    private CqlNode Predicate(string name, CqlFold fold)
    {
        var negated = Keyword("NOT");
        if (Keyword("LIKE"))
        {
            var patternFold = CqlFold.None;
            string pattern;
            if (FoldCall() is not null)
            {
                var folded = Scalar() as CqlFolded ?? throw Error("LIKE needs a text pattern");
                pattern = folded.Value as string ?? throw Error("LIKE needs a text pattern");
                patternFold = folded.Fold;
            }
            else
            {
                pattern = String();
            }

            return Negate(negated, new CqlLike(name, pattern, fold, patternFold));
        }

        if (Keyword("IN"))
        {
            Expect("(");
            var values = new List<object> { Scalar() };
            while (Symbol(","))
            {
                values.Add(Scalar());
            }

            Expect(")");
            return Negate(negated, new CqlIn(name, values, fold));
        }

        if (Keyword("BETWEEN"))
        {
            var low = Scalar();
            if (!Keyword("AND"))
            {
                throw Error("BETWEEN needs AND");
            }

            return Negate(negated, new CqlBetween(name, low, Scalar()));
        }

        if (negated)
        {
            throw Error("NOT must be followed by LIKE, IN or BETWEEN here");
        }

        if (Keyword("IS"))
        {
            var not = Keyword("NOT");
            if (!Keyword("NULL"))
            {
                throw Error("IS needs NULL");
            }

            return Negate(not, new CqlIsNull(name));
        }

        if (Peek.Kind == Kind.Operator)
        {
            var op = _tokens[_i++].Text;
            return new CqlComparison(name, op, Scalar(), fold);
        }

        throw Error($"expected an operator after '{name}'");
    }

    private static CqlNode Negate(bool not, CqlNode node) => not ? new CqlNot(node) : node;

    /// <summary>The fold of a CASEI( or ACCENTI( call starting here, or null.</summary>
    private CqlFold? FoldCall()
    {
        if (Peek.Kind != Kind.Identifier || _i + 1 >= _tokens.Count || _tokens[_i + 1].Text != "(")
        {
            return null;
        }

        return Peek.Text.ToUpperInvariant() switch { "CASEI" => CqlFold.Case, "ACCENTI" => CqlFold.Accent, _ => null };
    }

    /// <summary>CASEI(property), ACCENTI(property) or both nested: the property and its fold.</summary>
    private (string Name, CqlFold Fold) FoldedProperty()
    {
        var fold = FoldCall() ?? throw Error("expected CASEI or ACCENTI");
        if (++_depth > MaxDepth)
        {
            throw Error($"the filter nests deeper than {MaxDepth} levels");
        }

        _i++;
        Expect("(");
        var (name, inner) = FoldCall() is not null ? FoldedProperty() : (Identifier(), CqlFold.None);
        Expect(")");
        _depth--;
        return (name, inner | fold);
    }

    private object Scalar()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case Kind.String:
                _i++;
                return t.Text;
            case Kind.Number:
                return Number();
            case Kind.Identifier when t.Text.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("FALSE", StringComparison.OrdinalIgnoreCase):
                _i++;
                return t.Text.Equals("TRUE", StringComparison.OrdinalIgnoreCase);
            case Kind.Identifier when FoldCall() is { } fold:
            {
                if (++_depth > MaxDepth)
                {
                    throw Error($"the filter nests deeper than {MaxDepth} levels");
                }

                _i++;
                Expect("(");
                var inner = Scalar();
                Expect(")");
                _depth--;
                return inner is CqlFolded f ? f with { Fold = f.Fold | fold } : new CqlFolded(inner is string ? inner : throw Error("CASEI and ACCENTI take text"), fold);
            }

            case Kind.Identifier when t.Text.Equals("TIMESTAMP", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("DATE", StringComparison.OrdinalIgnoreCase):
                var (start, _) = TemporalLiteral();
                return start!.Value;
            case Kind.Identifier:
                // Another property: a property–property comparison.
                return new CqlPropertyRef(Identifier());
            default:
                throw Error($"expected a value, found '{t.Text}'");
        }
    }

    private (DateTimeOffset? Start, DateTimeOffset? End) TemporalLiteral()
    {
        var kind = Identifier().ToUpperInvariant();
        Expect("(");
        var first = String();
        if (kind == "INTERVAL")
        {
            Expect(",");
            var second = String();
            Expect(")");
            return (Instant(first, open: true), Instant(second, open: true));
        }

        Expect(")");
        if (kind is not ("TIMESTAMP" or "DATE"))
        {
            throw Error($"expected TIMESTAMP, DATE or INTERVAL, found {kind}");
        }

        var at = Instant(first, open: false);
        return (at, kind == "DATE" ? at!.Value.AddDays(1).AddTicks(-1) : at);
    }

    private DateTimeOffset? Instant(string text, bool open) =>
        open && text == ".." ? null
        : Core.Values.Instants.TryParseInstant(text) ?? throw Error($"'{text}' is not an RFC 3339 date or timestamp");

    private Geometry GeometryLiteral()
    {
        var start = Peek;
        var name = Identifier().ToUpperInvariant();
        if (name == "BBOX")
        {
            Expect("(");
            var v = new List<double> { Number() };
            while (Symbol(","))
            {
                v.Add(Number());
            }

            Expect(")");
            if (v.Count != 4)
            {
                throw Error("BBOX takes four numbers");
            }

            return NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory().ToGeometry(new Envelope(v[0], v[2], v[1], v[3]));
        }

        if (!s_wkt.Contains(name))
        {
            throw Error($"expected a WKT geometry or BBOX, found '{name}'");
        }

        var depth = 0;
        Token t;
        do
        {
            t = _tokens[_i++];
            depth += t.Text == "(" ? 1 : t.Text == ")" ? -1 : 0;
            if (depth > MaxDepth)
            {
                throw Error($"the geometry nests deeper than {MaxDepth} levels");
            }

            if (t.Kind == Kind.End)
            {
                throw Error("unclosed geometry literal");
            }
        }
        while (depth > 0 || t.Text != ")");

        try
        {
            return new WKTReader().Read(_text[start.Start..(t.Start + 1)]);
        }
        catch (Exception e) when (e is ParseException or ArgumentException or InvalidOperationException)
        {
            // NTS refuses unclosed and degenerate rings with ArgumentException.
            throw Error($"bad WKT: {e.Message}");
        }
    }

    private double Number()
    {
        var t = _tokens[_i];
        if (t.Kind != Kind.Number)
        {
            throw Error($"expected a number, found '{t.Text}'");
        }

        _i++;
        // The tokenizer takes a run of number characters ("-1e3081e999" included); what is not a finite
        // double is refused here rather than thrown as a FormatException.
        return double.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error($"'{t.Text}' is not a finite number");
    }

    private string String()
    {
        var t = _tokens[_i];
        if (t.Kind != Kind.String)
        {
            throw Error($"expected a quoted string, found '{t.Text}'");
        }

        _i++;
        return t.Text;
    }

    private string Identifier()
    {
        var t = _tokens[_i];
        if (t.Kind != Kind.Identifier)
        {
            throw Error($"expected a name, found '{t.Text}'");
        }

        _i++;
        return t.Text;
    }

    private bool Keyword(string keyword)
    {
        if (Peek.Kind == Kind.Identifier && Peek.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            _i++;
            return true;
        }

        return false;
    }

    private bool Symbol(string symbol)
    {
        if (Peek.Kind == Kind.Symbol && Peek.Text == symbol)
        {
            _i++;
            return true;
        }

        return false;
    }

    private void Expect(string symbol)
    {
        if (!Symbol(symbol))
        {
            throw Error($"expected '{symbol}', found '{Peek.Text}'");
        }
    }

    private CqlException Error(string message) => new($"{message} at position {Peek.Start + 1}");

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new(Kind.Symbol, c.ToString(), i++));
            }
            else if (c is '=' or '<' or '>')
            {
                var op = i + 1 < text.Length && (text[i + 1] == '=' || (c == '<' && text[i + 1] == '>')) ? text.Substring(i, 2) : c.ToString();
                tokens.Add(new(Kind.Operator, op, i));
                i += op.Length;
            }
            else if (c == '\'')
            {
                var start = i++;
                var sb = new System.Text.StringBuilder();
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new CqlException($"unclosed string starting at position {start + 1}");
                    }

                    if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        sb.Append('\'');
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        sb.Append(text[i++]);
                    }
                }

                tokens.Add(new(Kind.String, sb.ToString(), start));
            }
            else if (char.IsDigit(c) || ((c is '-' or '+' or '.') && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                var start = i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E' || (text[i] is '-' or '+' && text[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                tokens.Add(new(Kind.Number, text[start..i], start));
            }
            else if (char.IsLetter(c) || c is '_' or '"')
            {
                var start = i;
                if (c == '"')
                {
                    var close = text.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        throw new CqlException($"unclosed quoted name at position {i + 1}");
                    }

                    tokens.Add(new(Kind.Identifier, text[(i + 1)..close], start));
                    i = close + 1;
                    continue;
                }

                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or ':'))
                {
                    i++;
                }

                tokens.Add(new(Kind.Identifier, text[start..i], start));
            }
            else
            {
                throw new CqlException($"unexpected character '{c}' at position {i + 1}");
            }
        }

        tokens.Add(new(Kind.End, "end of filter", text.Length));
        return tokens;
    }

    private enum Kind
    {
        Identifier,
        String,
        Number,
        Operator,
        Symbol,
        End,
    }

    private sealed record Token(Kind Kind, string Text, int Start);
}
