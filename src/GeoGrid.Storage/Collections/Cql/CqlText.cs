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
        if (Peek.Kind == Kind.Symbol && Peek.Text == "(")
        {
            // A group of conditions, or arithmetic in parentheses on the left of a comparison: the token
            // after the matching ')' tells which (no backtracking, so nesting costs linear time).
            if (ArithmeticGroup())
            {
                return ExpressionComparison();
            }

            _i++;
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
        if (StartsArithmetic())
        {
            // `households / 10 > workers`: the property is the first operand of arithmetic.
            _i--;
            return ExpressionComparison();
        }

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

            case var array when CqlArray.Functions.ContainsKey(array):
            {
                Expect("(");
                var property = Identifier();
                Expect(",");
                Expect("(");
                var values = new List<object>();
                if (!Symbol(")"))
                {
                    do
                    {
                        values.Add(Scalar());
                    }
                    while (Symbol(","));
                    Expect(")");
                }

                Expect(")");
                return new CqlArray(array, property, values);
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
            return new CqlComparison(name, op, fold == CqlFold.None ? Value() : Scalar(), fold);
        }

        throw Error($"expected an operator after '{name}'");
    }

    private static CqlNode Negate(bool not, CqlNode node) => not ? new CqlNot(node) : node;

    /// <summary>Whether the '(' here closes before a comparison or arithmetic operator.</summary>
    private bool ArithmeticGroup()
    {
        var depth = 0;
        for (var j = _i; j < _tokens.Count; j++)
        {
            depth += _tokens[j].Text switch { "(" when _tokens[j].Kind == Kind.Symbol => 1, ")" when _tokens[j].Kind == Kind.Symbol => -1, _ => 0 };
            if (depth == 0)
            {
                var next = _tokens[Math.Min(j + 1, _tokens.Count - 1)];
                return next.Kind is Kind.Operator or Kind.Arith || (next.Kind == Kind.Identifier && next.Text.Equals("DIV", StringComparison.OrdinalIgnoreCase))
                    || (next.Kind == Kind.Number && next.Text[0] is '+' or '-');
            }
        }

        return false;
    }

    /// <summary>Whether the next token continues an arithmetic expression (an operator, or a signed number read as one).</summary>
    private bool StartsArithmetic() =>
        Peek.Kind == Kind.Arith || (Peek.Kind == Kind.Identifier && Peek.Text.Equals("DIV", StringComparison.OrdinalIgnoreCase))
        || (Peek.Kind == Kind.Number && Peek.Text[0] is '+' or '-');

    /// <summary>The right side of a comparison: a literal, or arithmetic of numbers and properties.</summary>
    private object Value()
    {
        var t = Peek;
        var literal = t.Kind == Kind.String || FoldCall() is not null
            || (t.Kind == Kind.Identifier && (t.Text.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("FALSE", StringComparison.OrdinalIgnoreCase)
                || t.Text.Equals("TIMESTAMP", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("DATE", StringComparison.OrdinalIgnoreCase)));
        return literal ? Scalar() : Expression();
    }

    private CqlExpressionComparison ExpressionComparison()
    {
        var left = Expression();
        if (Peek.Kind != Kind.Operator)
        {
            throw Error($"expected a comparison after the arithmetic, found '{Peek.Text}'");
        }

        var op = _tokens[_i++].Text;
        return new CqlExpressionComparison(left, op, Expression());
    }

    // Arithmetic: sums of products of powers of (signed) operands, as CQL2's numericExpression.
    private object Expression()
    {
        var left = Term();
        while (true)
        {
            if (Peek.Kind == Kind.Arith && Peek.Text is "+" or "-")
            {
                var op = _tokens[_i++].Text;
                left = new CqlArithmetic(op, left, Term());
            }
            else if (Peek.Kind == Kind.Number && Peek.Text[0] is '+' or '-')
            {
                // "a-1" tokenises as a then -1: the sign is the operator.
                var op = Peek.Text[0].ToString();
                _tokens[_i] = _tokens[_i] with { Text = Peek.Text[1..], Start = Peek.Start + 1 };
                left = new CqlArithmetic(op, left, Term());
            }
            else
            {
                return left;
            }
        }
    }

    private object Term()
    {
        var left = Power();
        while ((Peek.Kind == Kind.Arith && Peek.Text is "*" or "/" or "%") || (Peek.Kind == Kind.Identifier && Peek.Text.Equals("DIV", StringComparison.OrdinalIgnoreCase)))
        {
            var op = _tokens[_i++].Text.ToLowerInvariant();
            left = new CqlArithmetic(op, left, Power());
        }

        return left;
    }

    private object Power()
    {
        var left = Operand();
        if (Peek.Kind == Kind.Arith && Peek.Text == "^")
        {
            _i++;
            return new CqlArithmetic("^", left, Power());
        }

        return left;
    }

    private object Operand()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"the expression nests deeper than {MaxDepth} levels");
        }

        object operand;
        if (Peek.Kind == Kind.Arith && Peek.Text is "-" or "+")
        {
            var minus = _tokens[_i++].Text == "-";
            var inner = Operand();
            operand = minus ? new CqlArithmetic("-", 0.0, inner) : inner;
        }
        else if (Symbol("("))
        {
            operand = Expression();
            Expect(")");
        }
        else if (Peek.Kind == Kind.Number)
        {
            operand = Number();
        }
        else if (Peek.Kind == Kind.Identifier)
        {
            operand = new CqlPropertyRef(Identifier());
        }
        else
        {
            throw Error($"expected a value (a text, number, date, property or '('), found '{Peek.Text}'");
        }

        _depth--;
        return operand;
    }

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
            else if (c is '*' or '/' or '%' or '^' || (c is '+' or '-' && !(i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '.'))))
            {
                tokens.Add(new(Kind.Arith, c.ToString(), i++));
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
        Arith,
        Identifier,
        String,
        Number,
        Operator,
        Symbol,
        End,
    }

    private sealed record Token(Kind Kind, string Text, int Start);
}
