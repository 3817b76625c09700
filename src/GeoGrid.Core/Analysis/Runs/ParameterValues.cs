using System.Globalization;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// Parameter values as users typed them (CLI options, query string), read with the analysis's
/// defaults and checked against each parameter's declared kind and range: every refusal names the
/// parameter. <see cref="CheckAll"/> runs those checks up front, so a bad value is refused before a
/// file is read or a job is queued.
/// </summary>
public sealed class ParameterValues(IReadOnlyDictionary<string, string?> values, IReadOnlyList<AnalysisParameter> declared)
{
    public string? Text(string name)
    {
        var spec = Spec(name);
        return values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : spec.Default;
    }

    /// <summary>A number within the parameter's range, or null when neither given nor defaulted.</summary>
    public double? Number(string name)
    {
        var spec = Spec(name);
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            throw new AnalysisParameterException(name, $"'{text}' is not a number");
        }

        var unit = spec.Unit is null ? "" : " " + spec.Unit;
        if (spec.Positive ? v <= 0 : v < spec.Min)
        {
            throw new AnalysisParameterException(name, spec.Positive ? $"must be greater than 0{unit}, not {text}" : $"must be at least {spec.Min}{unit}, not {text}");
        }

        return v <= spec.Max ? v : throw new AnalysisParameterException(name, $"must be at most {spec.Max}{unit}, not {text}");
    }

    /// <summary>A whole number within the parameter's range, or null when neither given nor defaulted.</summary>
    public int? Integer(string name)
    {
        var spec = Spec(name);
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < spec.Min || v > spec.Max)
        {
            throw new AnalysisParameterException(name, $"must be a whole number between {spec.Min} and {spec.Max}, not '{text}'");
        }

        return v;
    }

    public bool Bool(string name) => Text(name)?.ToLowerInvariant() switch
    {
        null or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        var other => throw new AnalysisParameterException(name, $"must be true or false, not '{other}'"),
    };

    /// <summary>One of the parameter's choices (lower case).</summary>
    public string Choice(string name)
    {
        var spec = Spec(name);
        var text = Text(name)?.ToLowerInvariant() ?? throw new AnalysisParameterException(name, "is required");
        return spec.Choices.Contains(text) ? text : throw new AnalysisParameterException(name, $"must be one of {string.Join(", ", spec.Choices)}, not '{text}'");
    }

    /// <summary>A projected CRS (metres); one in degrees is refused, since "500" would mean 500°.</summary>
    public Crs.Crs ProjectedCrs(string name)
    {
        var text = Text(name) ?? throw new AnalysisParameterException(name, "is required");
        if (!Crs.CrsNames.TryParse(text, out var crs))
        {
            throw new AnalysisParameterException(name, $"unsupported CRS '{text}'");
        }

        return Crs.CrsNames.IsGeographic(crs.Value)
            ? throw new AnalysisParameterException(name, $"{Crs.CrsNames.Name(crs.Value)} is in degrees; distances need a projected CRS in metres (EPSG:4547)")
            : crs.Value;
    }

    /// <summary>Reads every declared parameter once, so that the first bad value is refused now.</summary>
    public void CheckAll()
    {
        foreach (var p in declared)
        {
            object? _ = p.Kind switch
            {
                ParameterKind.Number => Number(p.Name),
                ParameterKind.Integer => Integer(p.Name),
                ParameterKind.Boolean => Bool(p.Name),
                ParameterKind.Choice => Choice(p.Name),
                ParameterKind.ProjectedCrs => ProjectedCrs(p.Name),
                _ => Text(p.Name),
            };
        }
    }

    /// <summary>Every value as used (defaults filled in), for the record a result keeps of how it was made.</summary>
    public IReadOnlyDictionary<string, string?> Effective() => declared.ToDictionary(p => p.Name, p => Text(p.Name));

    private AnalysisParameter Spec(string name) =>
        declared.FirstOrDefault(p => p.Name == name) ?? throw new InvalidOperationException($"'{name}' is not a declared parameter");
}
