using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoGrid.Storage.Collections.Cql;

/// <summary>
/// A recursive-descent parser for CQL2 text (OGC 21-065), all of it: comparisons, LIKE, IN, BETWEEN,
/// IS NULL, AND/OR/NOT, TRUE/FALSE, arithmetic, CASEI/ACCENTI, the spatial functions (and GeoGrid's
/// S_DWITHIN) of WKT or BBOX literals and properties, the fifteen temporal functions of TIMESTAMP, DATE,
/// INTERVAL literals and properties, the array functions, and calls of functions by name. Operands may
/// stand on either side. Keywords are case-insensitive.
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
        // A group of conditions, or a parenthesised operand on the left of a comparison: the token after
        // the matching ')' tells which (no backtracking, so nesting costs linear time).
        if (Peek.Kind == Kind.Symbol && Peek.Text == "(" && !OperandGroup())
        {
            _i++;
            var inner = Or();
            Expect(")");
            return inner;
        }

        if (Peek.Kind == Kind.Identifier && Next.Text == "(" && Next.Kind == Kind.Symbol)
        {
            var function = Peek.Text.ToUpperInvariant();
            if (CqlSpatial.Functions.ContainsKey(function) || CqlTemporal.Functions.Contains(function) || CqlArray.Functions.ContainsKey(function) || function == "S_DWITHIN")
            {
                _i += 2;
                var array = CqlArray.Functions.ContainsKey(function);
                var a = array ? ArrayOperand() : Expression();
                Expect(",");
                var b = array ? ArrayOperand() : Expression();
                CqlNode node = function switch
                {
                    "S_DWITHIN" => new CqlDWithin(a, b, Symbol(",") ? Number() : throw Error("S_DWITHIN takes a distance in metres")),
                    _ when CqlSpatial.Functions.ContainsKey(function) => new CqlSpatial(function, a, b),
                    _ when CqlTemporal.Functions.Contains(function) => new CqlTemporal(function, a, b),
                    _ => new CqlArray(function, a, b),
                };
                Expect(")");
                return node;
            }
        }

        var startToken = Peek;
        return Predicate(Expression(), startToken);
    }

    /// <summary>What follows an operand: LIKE, IN, BETWEEN, IS NULL or a comparison — or nothing, when the
    /// operand is itself a condition (TRUE, FALSE, a function call).</summary>
    private CqlNode Predicate(CqlExpr left, Token startToken)
    {
        var negated = Keyword("NOT");
        if (Keyword("LIKE"))
        {
            return Negate(negated, new CqlLike(left, Expression()));
        }

        if (Keyword("IN"))
        {
            Expect("(");
            var values = new List<CqlExpr> { Expression() };
            while (Symbol(","))
            {
                values.Add(Expression());
            }

            Expect(")");
            return Negate(negated, new CqlIn(left, values));
        }

        if (Keyword("BETWEEN"))
        {
            var low = Expression();
            if (!Keyword("AND"))
            {
                throw Error("BETWEEN needs AND");
            }

            return Negate(negated, new CqlBetween(left, low, Expression()));
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

            return Negate(not, new CqlIsNull(left));
        }

        if (Peek.Kind == Kind.Operator)
        {
            var op = _tokens[_i++].Text;
            return new CqlComparison(left, op, Expression());
        }

        return left switch
        {
            CqlLiteral { Value: bool b } => new CqlConstant(b),
            CqlFunction f => new CqlFunctionCondition(f),
            _ => throw new CqlException($"expected an operator after '{_text[startToken.Start..Peek.Start].Trim()}' at position {Peek.Start + 1}"),
        };
    }

    private static CqlNode Negate(bool not, CqlNode node) => not ? new CqlNot(node) : node;

    private Token Next => _tokens[Math.Min(_i + 1, _tokens.Count - 1)];

    /// <summary>Whether the '(' here closes before a comparison, arithmetic or a predicate keyword.</summary>
    private bool OperandGroup()
    {
        var depth = 0;
        for (var j = _i; j < _tokens.Count; j++)
        {
            depth += _tokens[j].Text switch { "(" when _tokens[j].Kind == Kind.Symbol => 1, ")" when _tokens[j].Kind == Kind.Symbol => -1, _ => 0 };
            if (depth == 0)
            {
                var next = _tokens[Math.Min(j + 1, _tokens.Count - 1)];
                return next.Kind is Kind.Operator or Kind.Arith || (next.Kind == Kind.Number && next.Text[0] is '+' or '-')
                    || (next.Kind == Kind.Identifier && next.Text.ToUpperInvariant() is "DIV" or "LIKE" or "IN" or "BETWEEN" or "IS" or "NOT");
            }
        }

        return false;
    }

    // Arithmetic: sums of products of powers of (signed) operands, as CQL2's numericExpression; an operand
    // alone is any scalar (text, number, boolean, instant, interval, geometry, array, property, function).
    private CqlExpr Expression()
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

    private CqlExpr Term()
    {
        var left = Power();
        while ((Peek.Kind == Kind.Arith && Peek.Text is "*" or "/" or "%") || (Peek.Kind == Kind.Identifier && Peek.Text.Equals("DIV", StringComparison.OrdinalIgnoreCase)))
        {
            var op = _tokens[_i++].Text.ToLowerInvariant();
            left = new CqlArithmetic(op, left, Power());
        }

        return left;
    }

    private CqlExpr Power()
    {
        var left = Operand();
        if (Peek.Kind == Kind.Arith && Peek.Text == "^")
        {
            _i++;
            return new CqlArithmetic("^", left, Power());
        }

        return left;
    }

    private CqlExpr Operand()
    {
        // Each nesting level is a stack frame; a hostile operand of 30,000 '(' must be a refusal.
        if (++_depth > MaxDepth)
        {
            throw Error($"the expression nests deeper than {MaxDepth} levels");
        }

        var operand = OperandBody();
        _depth--;
        return operand;
    }

    private CqlExpr OperandBody()
    {
        var t = Peek;
        if (t.Kind == Kind.Arith && t.Text is "-" or "+")
        {
            _i++;
            var inner = Operand();
            return t.Text == "-" ? new CqlArithmetic("-", new CqlLiteral(0.0), inner) : inner;
        }

        if (Symbol("("))
        {
            // A parenthesised operand, or an array literal: ('a', 'b'), () empty.
            if (Symbol(")"))
            {
                return new CqlArrayLiteral([]);
            }

            var first = Expression();
            if (!Symbol(","))
            {
                Expect(")");
                return first;
            }

            var items = new List<CqlExpr> { first, Expression() };
            while (Symbol(","))
            {
                items.Add(Expression());
            }

            Expect(")");
            return new CqlArrayLiteral(items);
        }

        switch (t.Kind)
        {
            case Kind.Number:
                return new CqlLiteral(Number());
            case Kind.String:
                _i++;
                return new CqlLiteral(t.Text);
            case Kind.Identifier:
                break;
            default:
                throw Error($"expected a value (a text, number, date, property or '('), found '{t.Text}'");
        }

        var name = t.Text.ToUpperInvariant();
        var call = Next.Kind == Kind.Symbol && Next.Text == "(";
        if (s_wkt.Contains(name) && (call || Next.Text.ToUpperInvariant() is "Z" or "M" or "ZM" or "EMPTY"))
        {
            return new CqlGeometry(GeometryLiteral());
        }

        if (!call)
        {
            _i++;
            return name is "TRUE" or "FALSE" ? new CqlLiteral(name == "TRUE") : new CqlProperty(t.Text);
        }

        switch (name)
        {
            case "BBOX":
                return new CqlGeometry(GeometryLiteral());
            case "TIMESTAMP" or "DATE":
            {
                _i += 2;
                var text = String();
                Expect(")");
                var (start, end) = Core.Values.Instants.TryParse(text, anyYear: true) is { } r && (name == "DATE") == (text.Length == 10)
                    ? r
                    : throw Error($"'{text}' is not an RFC 3339 {(name == "DATE" ? "date" : "timestamp")}");
                return new CqlInstant(start, end, name == "DATE");
            }

            case "INTERVAL":
            {
                _i += 2;
                var start = IntervalEnd();
                Expect(",");
                var end = IntervalEnd();
                Expect(")");
                return new CqlInterval(start, end);
            }

            case "CASEI" or "ACCENTI":
            {
                _i += 2;
                var inner = Expression();
                Expect(")");
                var fold = name == "CASEI" ? CqlFold.Case : CqlFold.Accent;
                return inner is CqlFolded f ? f with { Fold = f.Fold | fold } : new CqlFolded(inner, fold);
            }

            default:
            {
                // A function GeoGrid does not define: parsed, and refused by name when translated.
                _i += 2;
                var args = new List<CqlExpr>();
                if (!Symbol(")"))
                {
                    do
                    {
                        args.Add(Expression());
                    }
                    while (Symbol(","));
                    Expect(")");
                }

                return new CqlFunction(t.Text, args);
            }
        }
    }

    /// <summary>An operand of an array function: in parentheses always an array, ('a') too.</summary>
    private CqlExpr ArrayOperand()
    {
        if (Peek.Kind != Kind.Symbol || Peek.Text != "(")
        {
            return Expression();
        }

        var operand = Operand();
        return operand as CqlArrayLiteral ?? new CqlArrayLiteral([operand]);
    }

    /// <summary>An end of INTERVAL(…): '..' (open), a date or timestamp text, or an operand (a property).</summary>
    private CqlExpr? IntervalEnd()
    {
        if (Peek.Kind != Kind.String)
        {
            return Expression();
        }

        var text = String();
        return text == ".." ? null
            : Core.Values.Instants.TryParse(text, anyYear: true) is { } r ? new CqlInstant(r.Start, r.End, text.Length == 10)
            : throw Error($"'{text}' is not an RFC 3339 date or timestamp");
    }

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
            return Bbox(v) ?? throw Error("BBOX takes four numbers (or six, with heights)");
        }

        // POLYGON Z ((…)), POINT EMPTY: the dimension and EMPTY are words between the name and its '('.
        while (Peek.Kind == Kind.Identifier && Peek.Text.ToUpperInvariant() is "Z" or "M" or "ZM")
        {
            _i++;
        }

        Token t;
        if (Keyword("EMPTY"))
        {
            t = _tokens[_i - 1];
        }
        else
        {
            var depth = 0;
            do
            {
                if (Peek.Kind == Kind.End)
                {
                    throw Error("unclosed geometry literal");
                }

                t = _tokens[_i++];
                depth += t.Text == "(" ? 1 : t.Text == ")" ? -1 : 0;
                if (depth > MaxDepth)
                {
                    throw Error($"the geometry nests deeper than {MaxDepth} levels");
                }
            }
            while (depth > 0 || t.Text != ")");
        }

        try
        {
            return new WKTReader().Read(_text[start.Start..(t.Start + t.Text.Length)]);
        }
        catch (Exception e) when (e is ParseException or ArgumentException or InvalidOperationException)
        {
            // NTS refuses unclosed and degenerate rings with ArgumentException.
            throw Error($"bad WKT: {e.Message}");
        }
    }

    /// <summary>The rectangle of a CQL2 bbox: minx, miny, maxx, maxy — or minx, miny, minz, maxx, maxy, maxz,
    /// of which the heights are dropped (GeoGrid's features are flat). Null for any other count.</summary>
    internal static Geometry? Bbox(IReadOnlyList<double> v) => v.Count switch
    {
        4 => NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory().ToGeometry(new Envelope(v[0], v[2], v[1], v[3])),
        6 => NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory().ToGeometry(new Envelope(v[0], v[3], v[1], v[4])),
        _ => null,
    };

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
