using System.Globalization;
using GeoGrid.Core.Import;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>Reads numbers and names out of feature properties, naming the parameter that chose the field.</summary>
public static class FeatureValues
{
    public static double Number(FeatureRecord f, string field, string parameter)
    {
        if (!f.Properties.TryGetValue(field, out var raw) || raw is null)
        {
            throw new AnalysisParameterException(parameter, $"feature {f.Number} has no '{field}'");
        }

        return raw switch
        {
            double d => d,
            IConvertible c when raw is not string => c.ToDouble(CultureInfo.InvariantCulture),
            _ when double.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
            _ => throw new AnalysisParameterException(parameter, $"'{field}' of feature {f.Number} is not a number: '{raw}'"),
        };
    }

    public static string? Text(FeatureRecord f, string field) =>
        f.Properties.GetValueOrDefault(field) is { } v && Plain(v) is { Length: > 0 } s ? s : null;

    /// <summary>
    /// A value as its owner wrote it: GeoJSON readers hand numbers over as decimals that keep their
    /// scale, so an id 12 read as 12.0 would print as "12.0"; integral numbers print without a fraction.
    /// </summary>
    public static string? Plain(object? value) => value switch
    {
        null => null,
        decimal m when m == decimal.Truncate(m) => decimal.Truncate(m).ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString("G29", CultureInfo.InvariantCulture),
        double d when d == Math.Truncate(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The feature's own name for itself: code, id or name, else its position in the input.</summary>
    public static string Label(FeatureRecord f) => Text(f, "code") ?? Text(f, "id") ?? Text(f, "name") ?? $"#{f.Number}";
}
