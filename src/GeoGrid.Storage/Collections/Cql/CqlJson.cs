using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace GeoGrid.Storage.Collections.Cql;

/// <summary>Reads the CQL2 JSON encoding into the same <see cref="CqlNode"/> tree as <see cref="CqlText"/>.</summary>
public static class CqlJson
{
    private static readonly JsonSerializerOptions s_geoJson = CreateOptions();

    public static CqlNode Parse(string json)
    {
        try
        {
            // JsonDocument refuses nesting deeper than 64 levels, so recursion below is bounded.
            using var doc = JsonDocument.Parse(json);
            return Node(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new CqlException($"not JSON: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            // A member of the wrong JSON kind somewhere the checks below do not name (JsonElement throws
            // InvalidOperationException for it), or a geometry NTS refuses (an unclosed ring).
            throw new CqlException($"cql2-json: {e.Message}");
        }
    }

    private static CqlNode Node(JsonElement e)
    {
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return new CqlConstant(e.GetBoolean());
        }

        var (op, args) = Call(e) ?? throw new CqlException($"expected {{\"op\": …, \"args\": [...]}}, found {Short(e)}");
        var function = op.ToUpperInvariant();
        return op switch
        {
            "and" or "or" when args.Count < 2 => throw new CqlException($"{op} takes at least two conditions"),
            "and" or "or" => new CqlLogical(op == "and", args.Select(Node).ToList()),
            "not" => new CqlNot(Node(Count(args, 1, op)[0])),
            _ when CqlComparison.Operators.Contains(op) => new CqlComparison(Expr(Count(args, 2, op)[0]), op, Expr(args[1])),
            "like" => new CqlLike(Expr(Count(args, 2, op)[0]), Expr(args[1])),
            "in" => Count(args, 2, op)[1] is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0
                ? new CqlIn(Expr(args[0]), list.EnumerateArray().Select(Expr).ToList())
                : throw new CqlException($"in: the second argument is a non-empty array of values, found {Short(args[1])}"),
            "between" => new CqlBetween(Expr(Count(args, 3, op)[0]), Expr(args[1]), Expr(args[2])),
            "isnull" => new CqlIsNull(Expr(Count(args, 1, op)[0])),
            "s_dwithin" => new CqlDWithin(Expr(Count(args, 3, op)[0]), Expr(args[1]), args[2] is { ValueKind: JsonValueKind.Number } d ? d.GetDouble()
                : throw new CqlException($"s_dwithin: the distance is a number of metres, found {Short(args[2])}")),
            _ when CqlSpatial.Functions.ContainsKey(function) => new CqlSpatial(function, Expr(Count(args, 2, op)[0]), Expr(args[1])),
            _ when CqlTemporal.Functions.Contains(function) => new CqlTemporal(function, Expr(Count(args, 2, op)[0]), Expr(args[1])),
            _ when CqlArray.Functions.ContainsKey(function) => new CqlArray(function, Expr(Count(args, 2, op)[0]), Expr(args[1])),
            _ when CqlArithmetic.Operators.Contains(op) || op is "casei" or "accenti" => throw new CqlException($"'{op}' gives a value, not a condition"),
            _ => new CqlFunctionCondition(Function(e)),
        };
    }

    /// <summary>An operand: a literal (text, number, boolean, array, timestamp, date, interval, bbox,
    /// GeoJSON geometry), a property, arithmetic, CASEI/ACCENTI, or a function call.</summary>
    private static CqlExpr Expr(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return new CqlLiteral(e.GetString()!);
            case JsonValueKind.Number:
                return new CqlLiteral(e.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw new CqlException($"{Short(e)} is not a finite number"));
            case JsonValueKind.True or JsonValueKind.False:
                return new CqlLiteral(e.GetBoolean());
            case JsonValueKind.Array:
                return new CqlArrayLiteral(e.EnumerateArray().Select(Expr).ToList());
            case JsonValueKind.Object:
                break;
            default:
                throw new CqlException($"expected a value, found {Short(e)}");
        }

        if (e.TryGetProperty("property", out var property))
        {
            return property.ValueKind == JsonValueKind.String ? new CqlProperty(property.GetString()!)
                : throw new CqlException($"a property is named by a string: {{\"property\": \"name\"}}, found {Short(e)}");
        }

        if (e.TryGetProperty("timestamp", out var t) || e.TryGetProperty("date", out t))
        {
            var isDate = e.TryGetProperty("date", out _);
            return t.ValueKind == JsonValueKind.String ? Instant(t.GetString()!, isDate)
                : throw new CqlException($"a {(isDate ? "date" : "timestamp")} is a string, found {Short(t)}");
        }

        if (e.TryGetProperty("interval", out var interval))
        {
            return interval is { ValueKind: JsonValueKind.Array } && interval.GetArrayLength() == 2
                ? new CqlInterval(IntervalEnd(interval[0]), IntervalEnd(interval[1]))
                : throw new CqlException($"an interval is an array of two ends, found {Short(interval)}");
        }

        if (e.TryGetProperty("bbox", out var bbox))
        {
            if (bbox.ValueKind != JsonValueKind.Array || bbox.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Number))
            {
                throw new CqlException($"bbox is an array of four numbers, found {Short(bbox)}");
            }

            return new CqlGeometry(CqlText.Bbox(bbox.EnumerateArray().Select(x => x.GetDouble()).ToList()) ?? throw new CqlException("bbox takes four numbers (or six, with heights)"));
        }

        if (e.TryGetProperty("type", out _))
        {
            return new CqlGeometry(e.Deserialize<Geometry>(s_geoJson) ?? throw new CqlException($"expected a GeoJSON geometry, found {Short(e)}"));
        }

        var (op, args) = Call(e) ?? throw new CqlException($"expected a value, found {Short(e)}");
        if (CqlArithmetic.Operators.Contains(op))
        {
            return new CqlArithmetic(op, Expr(Count(args, 2, op)[0]), Expr(args[1]));
        }

        if (op is "casei" or "accenti")
        {
            var inner = Expr(Count(args, 1, op)[0]);
            var fold = op == "casei" ? CqlFold.Case : CqlFold.Accent;
            return inner is CqlFolded f ? f with { Fold = f.Fold | fold } : new CqlFolded(inner, fold);
        }

        return Function(e);
    }

    /// <summary>A call of a function GeoGrid does not define: parsed, refused by name when translated. The
    /// operators of conditions are not functions.</summary>
    private static CqlFunction Function(JsonElement e)
    {
        var (op, args) = Call(e)!.Value;
        var name = e.GetProperty("op").GetString()!;
        return op is "and" or "or" or "not" or "like" or "in" or "between" or "isnull" || CqlComparison.Operators.Contains(op)
            || CqlSpatial.Functions.ContainsKey(op.ToUpperInvariant()) || CqlTemporal.Functions.Contains(op.ToUpperInvariant()) || CqlArray.Functions.ContainsKey(op.ToUpperInvariant()) || op == "s_dwithin"
            ? throw new CqlException($"'{op}' is a condition where a value belongs")
            : new CqlFunction(name, args.Select(Expr).ToList());
    }

    private static CqlExpr? IntervalEnd(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String when e.GetString() == ".." => null,
        JsonValueKind.String => Instant(e.GetString()!, e.GetString()!.Length == 10),
        JsonValueKind.Object => Expr(e),
        _ => throw new CqlException($"an interval's end is a date or timestamp string, '..', a property or a function, found {Short(e)}"),
    };

    private static CqlInstant Instant(string text, bool isDate) =>
        Core.Values.Instants.TryParse(text, anyYear: true) is { } r && isDate == (text.Length == 10)
            ? new CqlInstant(r.Start, r.End, isDate)
            : throw new CqlException($"'{text}' is not an RFC 3339 {(isDate ? "date" : "timestamp")}");

    /// <summary>{"op": name, "args": [...]} with the name in lower case, or null for any other shape.</summary>
    private static (string Op, List<JsonElement> Args)? Call(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("op", out var op))
        {
            return null;
        }

        if (op.ValueKind != JsonValueKind.String)
        {
            throw new CqlException($"\"op\" is a string such as \"=\" or \"and\", found {Short(op)}");
        }

        if (!e.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array)
        {
            throw new CqlException($"{op.GetString()} needs \"args\": [...]");
        }

        return (op.GetString()!.ToLowerInvariant(), args.EnumerateArray().ToList());
    }

    private static List<JsonElement> Count(List<JsonElement> args, int n, string op) =>
        args.Count == n ? args : throw new CqlException($"{op} takes {n} argument{(n == 1 ? "" : "s")}, found {args.Count}");

    private static string Short(JsonElement e)
    {
        var raw = e.GetRawText();
        return raw.Length > 60 ? raw[..60] + "…" : raw;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
