namespace GeoGrid.Server.Styles;

/// <summary>
/// A colour that may depend on one property of a feature: <see cref="Cases"/> maps property values to
/// colours, or, with <see cref="WhenPresent"/>, a present property picks that colour. Both the MapLibre
/// style and the raster renderer read it, so vector and raster maps look alike.
/// </summary>
public sealed record ColorRule(string Default, string? Property = null, IReadOnlyDictionary<string, string>? Cases = null, string? WhenPresent = null)
{
    public string For(IReadOnlyDictionary<string, string?> properties)
    {
        if (Property is null)
        {
            return Default;
        }

        var value = properties.GetValueOrDefault(Property);
        if (WhenPresent is not null)
        {
            return value is not null ? WhenPresent : Default;
        }

        return value is not null && Cases is not null && Cases.TryGetValue(value, out var color) ? color : Default;
    }

    /// <summary>The same rule as a MapLibre expression.</summary>
    public object ToExpression()
    {
        if (Property is null)
        {
            return Default;
        }

        if (WhenPresent is not null)
        {
            return new object[] { "case", new object[] { "has", Property }, WhenPresent, Default };
        }

        var match = new List<object> { "match", new[] { "get", Property } };
        foreach (var (value, color) in Cases!)
        {
            match.Add(value);
            match.Add(color);
        }

        match.Add(Default);
        return match;
    }
}
