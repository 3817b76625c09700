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
            using var doc = JsonDocument.Parse(json);
            return Node(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new CqlException($"not JSON: {e.Message}");
        }
    }

    private static CqlNode Node(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("op", out var opElement) || !e.TryGetProperty("args", out var argsElement) || argsElement.ValueKind != JsonValueKind.Array)
        {
            throw new CqlException($"expected {{\"op\": …, \"args\": [...]}}, found {Short(e)}");
        }

        var op = opElement.GetString()!.ToLowerInvariant();
        var args = argsElement.EnumerateArray().ToList();
        return op switch
        {
            "and" or "or" => new CqlLogical(op == "and", args.Select(Node).ToList()),
            "not" => new CqlNot(Node(Single(args, op))),
            "=" or "<>" or "<" or "<=" or ">" or ">=" => new CqlComparison(Property(args, 0, op), op, Scalar(Arg(args, 1, op))),
            "like" => new CqlLike(Property(args, 0, op), Arg(args, 1, op).GetString() ?? throw new CqlException("like needs a string pattern")),
            "in" => new CqlIn(Property(args, 0, op), Arg(args, 1, op).EnumerateArray().Select(Scalar).ToList()),
            "between" => new CqlBetween(Property(args, 0, op), Scalar(Arg(args, 1, op)), Scalar(Arg(args, 2, op))),
            "isnull" => new CqlIsNull(Property(args, 0, op)),
            "s_intersects" or "s_within" or "s_contains" => new CqlSpatial(op.ToUpperInvariant(), Geometry(Arg(args, 1, op))),
            "s_dwithin" => new CqlDWithin(Geometry(Arg(args, 1, op)), Arg(args, 2, op).GetDouble()),
            "t_intersects" or "t_before" or "t_after" => Temporal(Property(args, 0, op), op.ToUpperInvariant(), Arg(args, 1, op)),
            _ => throw new CqlException($"unsupported operator '{op}'"),
        };
    }

    private static JsonElement Single(List<JsonElement> args, string op) => args.Count == 1 ? args[0] : throw new CqlException($"{op} takes one argument");

    private static JsonElement Arg(List<JsonElement> args, int i, string op) => i < args.Count ? args[i] : throw new CqlException($"{op} needs {i + 1} arguments");

    private static string Property(List<JsonElement> args, int i, string op) =>
        Arg(args, i, op) is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("property", out var name) ? name.GetString()! : throw new CqlException($"{op}: argument {i + 1} must be {{\"property\": …}}");

    private static object Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object when e.TryGetProperty("timestamp", out var t) || e.TryGetProperty("date", out t) => Instant(t.GetString()!)!.Value,
        _ => throw new CqlException($"expected a value, found {Short(e)}"),
    };

    private static CqlTemporal Temporal(string property, string op, JsonElement e)
    {
        if (e.TryGetProperty("interval", out var interval))
        {
            var ends = interval.EnumerateArray().Select(x => x.GetString()!).ToList();
            return ends.Count == 2 ? new CqlTemporal(property, op, Instant(ends[0]), Instant(ends[1])) : throw new CqlException("an interval has two ends");
        }

        var at = (DateTimeOffset)Scalar(e);
        return new CqlTemporal(property, op, at, e.TryGetProperty("date", out _) ? at.AddDays(1).AddTicks(-1) : at);
    }

    private static DateTimeOffset? Instant(string text) =>
        text == ".." ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
        : throw new CqlException($"'{text}' is not an RFC 3339 date or timestamp");

    private static Geometry Geometry(JsonElement e)
    {
        if (e.TryGetProperty("bbox", out var bbox))
        {
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
