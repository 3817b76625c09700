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

        if (layer == ImportLayer.Grids && feature.Properties.TryGetValue("level", out var level) && level is not null
            && !(int.TryParse(level.ToString(), out var l) && l is >= 1 and <= 3))
        {
            problems.Add(new(feature.Number, "level", $"'{level}' is not a grid level (1, 2 or 3)"));
        }

        return problems;
    }
}
