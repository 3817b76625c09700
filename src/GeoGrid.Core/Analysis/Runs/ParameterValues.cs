using System.Globalization;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// Parameter values as users typed them (CLI options, query string), read with the analysis's
/// defaults and checked on the way: every refusal names the parameter.
/// </summary>
public sealed class ParameterValues(IReadOnlyDictionary<string, string?> values, IReadOnlyList<AnalysisParameter> declared)
{
    public string? Text(string name)
    {
        var spec = declared.FirstOrDefault(p => p.Name == name) ?? throw new InvalidOperationException($"'{name}' is not a declared parameter");
        return values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : spec.Default;
    }

    public double? OptionalDouble(string name, double min = double.Epsilon, double max = double.MaxValue, string? unit = "m")
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v) || double.IsInfinity(v))
        {
            throw new AnalysisParameterException(name, $"'{text}' is not a number");
        }

        if (v < min || v > max)
        {
            var range = max == double.MaxValue ? (min == double.Epsilon ? "greater than 0" : $"at least {min}") : $"between {min} and {max}";
            throw new AnalysisParameterException(name, $"must be {range}{(unit is null ? "" : " " + unit)}, not {text}");
        }

        return v;
    }

    public int? OptionalInt(string name, int min, int max)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            throw new AnalysisParameterException(name, $"must be a whole number between {min} and {max}, not '{text}'");
        }

        return v;
    }

    public int Int(string name, int min, int max) => OptionalInt(name, min, max) ?? throw new AnalysisParameterException(name, "is required");

    public bool Bool(string name) => Text(name)?.ToLowerInvariant() switch
    {
        null or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        var other => throw new AnalysisParameterException(name, $"must be true or false, not '{other}'"),
    };

    public T Choice<T>(string name, IReadOnlyDictionary<string, T> choices)
    {
        var text = Text(name) ?? throw new AnalysisParameterException(name, "is required");
        return choices.TryGetValue(text.ToLowerInvariant(), out var v) ? v : throw new AnalysisParameterException(name, $"must be one of {string.Join(", ", choices.Keys)}, not '{text}'");
    }

    /// <summary>Every value as used (defaults filled in), for the record a result keeps of how it was made.</summary>
    public IReadOnlyDictionary<string, string?> Effective() => declared.ToDictionary(p => p.Name, p => Text(p.Name));
}
