using System.Globalization;
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
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("op", out var opElement) || !e.TryGetProperty("args", out var argsElement) || argsElement.ValueKind != JsonValueKind.Array)
        {
            throw new CqlException($"expected {{\"op\": …, \"args\": [...]}}, found {Short(e)}");
        }

        if (opElement.ValueKind != JsonValueKind.String)
        {
            throw new CqlException($"\"op\" is a string such as \"=\" or \"and\", found {Short(opElement)}");
        }

        var op = opElement.GetString()!.ToLowerInvariant();
        var args = argsElement.EnumerateArray().ToList();
        return op switch
        {
            "and" or "or" when args.Count < 2 => throw new CqlException($"{op} takes at least two conditions"),
            "and" or "or" => new CqlLogical(op == "and", args.Select(Node).ToList()),
            "not" => new CqlNot(Node(Single(args, op))),
            "=" or "<>" or "<" or "<=" or ">" or ">=" => Comparison(args, op),
            "like" => Like(args),
            "in" => In(args),
            "between" => new CqlBetween(Property(args, 0, op), Scalar(Arg(args, 1, op)), Scalar(Arg(args, 2, op))),
            "isnull" => new CqlIsNull(Property(args, 0, op)),
            _ when CqlSpatial.Functions.ContainsKey(op.ToUpperInvariant()) => new CqlSpatial(op.ToUpperInvariant(), Geometry(Arg(args, 1, op)), Property(args, 0, op)),
            "s_dwithin" => new CqlDWithin(Geometry(Arg(args, 1, op)), Arg(args, 2, op) is { ValueKind: JsonValueKind.Number } d ? d.GetDouble()
                : throw new CqlException($"s_dwithin: the distance is a number of metres, found {Short(Arg(args, 2, op))}"), Property(args, 0, op)),
            _ when CqlArray.Functions.ContainsKey(op.ToUpperInvariant()) => new CqlArray(op.ToUpperInvariant(), Property(args, 0, op),
                Arg(args, 1, op) is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().Select(Scalar).ToList() : throw new CqlException($"{op}: the second argument is an array, found {Short(Arg(args, 1, op))}")),
            _ when CqlTemporal.Functions.Contains(op.ToUpperInvariant()) => Temporal(Property(args, 0, op), op.ToUpperInvariant(), Arg(args, 1, op)),
            _ => throw new CqlException($"unsupported operator '{op}'"),
        };
    }

    private static CqlNode Comparison(List<JsonElement> args, string op)
    {
        var left = Arg(args, 0, op);
        if (IsArithmetic(left))
        {
            return new CqlExpressionComparison(Operand(left), op, Operand(Arg(args, 1, op)));
        }

        var (property, fold) = FoldedProperty(left, op);
        return new CqlComparison(property, op, Scalar(Arg(args, 1, op)), fold);
    }

    private static bool IsArithmetic(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("op", out var op) && op.ValueKind == JsonValueKind.String && CqlArithmetic.Operators.Contains(op.GetString()!.ToLowerInvariant());

    /// <summary>An operand of arithmetic: a number, {"property": …} or {"op": "+", "args": [a, b]} (and - * / % div ^).</summary>
    private static object Operand(JsonElement e)
    {
        if (IsArithmetic(e))
        {
            var op = e.GetProperty("op").GetString()!.ToLowerInvariant();
            var args = e.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : throw new CqlException($"{op} needs args");
            return args.Count == 2 ? new CqlArithmetic(op, Operand(args[0]), Operand(args[1])) : throw new CqlException($"{op} takes two arguments");
        }

        return e.ValueKind switch
        {
            JsonValueKind.Number => e.GetDouble(),
            JsonValueKind.Object when e.TryGetProperty("property", out var p) && p.ValueKind == JsonValueKind.String => new CqlPropertyRef(p.GetString()!),
            _ => throw new CqlException($"expected a number, a property or arithmetic, found {Short(e)}"),
        };
    }

    private static CqlLike Like(List<JsonElement> args)
    {
        var (property, fold) = FoldedProperty(Arg(args, 0, "like"), "like");
        return Scalar(Arg(args, 1, "like")) switch
        {
            string pattern => new CqlLike(property, pattern, fold),
            CqlFolded { Value: string pattern } f => new CqlLike(property, pattern, fold, f.Fold),
            _ => throw new CqlException($"like: the pattern is a string, found {Short(Arg(args, 1, "like"))}"),
        };
    }

    private static CqlIn In(List<JsonElement> args)
    {
        var (property, fold) = FoldedProperty(Arg(args, 0, "in"), "in");
        return Arg(args, 1, "in") is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0
            ? new CqlIn(property, list.EnumerateArray().Select(Scalar).ToList(), fold)
            : throw new CqlException($"in: the second argument is a non-empty array of values, found {Short(Arg(args, 1, "in"))}");
    }

    /// <summary>{"property": …}, or {"op": "casei"/"accenti", "args": [one of these]}.</summary>
    private static (string Property, CqlFold Fold) FoldedProperty(JsonElement e, string op)
    {
        if (FoldOf(e) is { } fold)
        {
            var inner = FoldedProperty(Single(e.GetProperty("args").EnumerateArray().ToList(), "casei/accenti"), op);
            return (inner.Property, inner.Fold | fold);
        }

        return e is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("property", out var name) && name.ValueKind == JsonValueKind.String
            ? (name.GetString()!, CqlFold.None)
            : throw new CqlException($"{op}: argument 1 must be {{\"property\": \"name\"}}");
    }

    private static CqlFold? FoldOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("op", out var op) && op.ValueKind == JsonValueKind.String && e.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array
            ? op.GetString()!.ToLowerInvariant() switch { "casei" => CqlFold.Case, "accenti" => CqlFold.Accent, _ => null }
            : null;

    private static JsonElement Single(List<JsonElement> args, string op) => args.Count == 1 ? args[0] : throw new CqlException($"{op} takes one argument");

    private static JsonElement Arg(List<JsonElement> args, int i, string op) => i < args.Count ? args[i] : throw new CqlException($"{op} needs {i + 1} arguments");

    private static string Property(List<JsonElement> args, int i, string op) =>
        Arg(args, i, op) is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("property", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()!
            : throw new CqlException($"{op}: argument {i + 1} must be {{\"property\": \"name\"}}");

    private static object Scalar(JsonElement e) => IsArithmetic(e) ? Operand(e) : FoldOf(e) is { } fold
        ? Scalar(Single(e.GetProperty("args").EnumerateArray().ToList(), "casei/accenti")) switch
        {
            CqlFolded f => f with { Fold = f.Fold | fold },
            string text => new CqlFolded(text, fold),
            _ => throw new CqlException("casei and accenti take text"),
        }
        : e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object when e.TryGetProperty("property", out var other) && other.ValueKind == JsonValueKind.String => new CqlPropertyRef(other.GetString()!),
        JsonValueKind.Object when (e.TryGetProperty("timestamp", out var t) || e.TryGetProperty("date", out t)) && t.ValueKind == JsonValueKind.String
            => Instant(t.GetString()!) ?? throw new CqlException("a timestamp or date cannot be '..'"),
        _ => throw new CqlException($"expected a value, found {Short(e)}"),
    };

    private static CqlTemporal Temporal(string property, string op, JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("interval", out var interval))
        {
            if (interval.ValueKind != JsonValueKind.Array || interval.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            {
                throw new CqlException($"an interval is an array of two date or timestamp strings, found {Short(interval)}");
            }

            var ends = interval.EnumerateArray().Select(x => x.GetString()!).ToList();
            return ends.Count == 2 ? new CqlTemporal(property, op, Instant(ends[0]), Instant(ends[1])) : throw new CqlException("an interval has two ends");
        }

        var at = Scalar(e) as DateTimeOffset? ?? throw new CqlException($"{op.ToLowerInvariant()}: expected a date, timestamp or interval, found {Short(e)}");
        return new CqlTemporal(property, op, at, e.TryGetProperty("date", out _) ? at.AddDays(1).AddTicks(-1) : at);
    }

    private static DateTimeOffset? Instant(string text) =>
        text == ".." ? null
        : Core.Values.Instants.TryParseInstant(text) ?? throw new CqlException($"'{text}' is not an RFC 3339 date or timestamp");

    private static Geometry Geometry(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new CqlException($"expected a GeoJSON geometry or {{\"bbox\": […]}}, found {Short(e)}");
        }

        if (e.TryGetProperty("bbox", out var bbox))
        {
            if (bbox.ValueKind != JsonValueKind.Array || bbox.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Number))
            {
                throw new CqlException($"bbox is an array of four numbers, found {Short(bbox)}");
            }

            var v = bbox.EnumerateArray().Select(x => x.GetDouble()).ToArray();
            return v.Length == 4
                ? NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory().ToGeometry(new Envelope(v[0], v[2], v[1], v[3]))
                : throw new CqlException("bbox takes four numbers");
        }

        return e.Deserialize<Geometry>(s_geoJson) ?? throw new CqlException($"expected a GeoJSON geometry, found {Short(e)}");
    }

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
