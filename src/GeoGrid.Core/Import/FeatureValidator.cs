using GeoGrid.Core.Domain;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace GeoGrid.Core.Import;

/// <summary>
/// Checks features (already in the storage CRS) against a layer before anything is written: geometry
/// present, of an accepted type, valid, inside the service extent; required attributes present;
/// categories and statuses known (English names or the zh-CN labels).
/// </summary>
public static class FeatureValidator
{
    /// <summary>More than a hand-drawn or surveyed governance polygon ever needs; beyond it, validation
    /// alone would cost seconds.</summary>
    public const int MaxVertices = 100_000;

    /// <summary>The longest text each attribute takes: a 10 MB description is an attack or a mistake, not a record.</summary>
    private static readonly Dictionary<string, int> s_maxLength = new()
    {
        ["code"] = 64, ["name"] = 200, ["road_name"] = 200, ["kind"] = 50, ["segment_code"] = 64, ["chief_code"] = 64,
        ["parent_code"] = 64, ["area_code"] = 12, ["description"] = 4000, ["text"] = 4000, ["category"] = 50, ["status"] = 50,
    };

    // Codes become URL path segments and file names: letters, digits and - _ . only.
    private static readonly System.Text.RegularExpressions.Regex s_code = new("^[A-Za-z0-9][A-Za-z0-9_.-]*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static void CheckAttributes(FeatureRecord feature, ImportLayer layer, List<ImportProblem> problems)
    {
        foreach (var field in layer.Attributes)
        {
            if (!feature.Properties.TryGetValue(field, out var value) || value is null)
            {
                continue;
            }

            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            if (s_maxLength.TryGetValue(field, out var max) && text.Length > max)
            {
                problems.Add(new(feature.Number, field, $"{text.Length:N0} characters; at most {max} are taken"));
            }
            else if (field == "code" && text.Length > 0 && !s_code.IsMatch(text))
            {
                problems.Add(new(feature.Number, field, "a code has letters, digits, '-', '_' and '.' only"));
            }
            else if (field is "found_at" or "created_at" && text.Length > 0 && Values.Instants.TryParse(text) is null)
            {
                problems.Add(new(feature.Number, field, $"'{Shorten(text)}' is not an RFC 3339 date or date-time (years 1900–2199)"));
            }
            else if (field is "households" or "seq" && text.Length > 0 && !(int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0))
            {
                problems.Add(new(feature.Number, field, $"'{Shorten(text)}' is not a whole number of 0 or more"));
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public static IReadOnlyList<ImportProblem> Validate(FeatureRecord feature, ImportLayer layer, Envelope extent)
    {
        var problems = new List<ImportProblem>();
        var g = feature.Geometry;
        if (g is null || g.IsEmpty)
        {
            problems.Add(new(feature.Number, "geometry", "missing or empty geometry"));
        }
        else
        {
            if (!layer.GeometryTypes.Contains(g.GeometryType))
            {
                problems.Add(new(feature.Number, "geometry", $"{g.GeometryType} is not accepted by layer {layer.Name} (expected {string.Join(" or ", layer.GeometryTypes)})"));
            }

            if (g.NumPoints > MaxVertices)
            {
                problems.Add(new(feature.Number, "geometry", $"{g.NumPoints:N0} vertices; a feature may have at most {MaxVertices:N0}"));
                return problems;
            }

            if (g.Coordinates.Any(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y)))
            {
                problems.Add(new(feature.Number, "geometry", "coordinates must be finite numbers"));
                return problems;
            }

            var error = new IsValidOp(g).ValidationError;
            if (error is not null)
            {
                problems.Add(new(feature.Number, "geometry", $"invalid geometry: {error.Message} at {error.Coordinate}"));
            }

            if (!extent.Contains(g.EnvelopeInternal))
            {
                problems.Add(new(feature.Number, "geometry", $"outside the Zhengzhou extent {extent.MinX:F3},{extent.MinY:F3} – {extent.MaxX:F3},{extent.MaxY:F3} (wrong CRS?)"));
            }
        }

        foreach (var field in layer.Required)
        {
            if (!feature.Properties.TryGetValue(field, out var value) || value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
            {
                problems.Add(new(feature.Number, field, "required attribute is missing"));
            }
        }

        foreach (var (field, enumType) in layer.Enums)
        {
            if (feature.Properties.TryGetValue(field, out var value) && value is not null && DomainLabels.Parse(enumType, value.ToString()!) is null)
            {
                problems.Add(new(feature.Number, field, $"'{value}' is not one of {string.Join(", ", Enum.GetNames(enumType).Select(DomainLabels.Key))}"));
            }
        }

        CheckAttributes(feature, layer, problems);

        if (layer == ImportLayer.Grids && feature.Properties.TryGetValue("level", out var level) && level is not null
            && !(int.TryParse(level.ToString(), out var l) && l is >= 1 and <= 3))
        {
            problems.Add(new(feature.Number, "level", $"'{level}' is not a grid level (1, 2 or 3)"));
        }

        return problems;
    }
}
