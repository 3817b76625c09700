using GeoGrid.Core.Import;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>Incident points of an input, refused with a named parameter when there are none or they are not points.</summary>
public static class PointInput
{
    public static List<FeatureRecord> Require(AnalysisInput input, int atLeast = 1)
    {
        var points = input.Features.Where(f => f.Geometry is Point { IsEmpty: false }).ToList();
        if (points.Count < input.Features.Count(f => f.Geometry is not null))
        {
            throw new AnalysisParameterException("input", "this analysis needs points; the input has other geometries");
        }

        if (points.Count < atLeast)
        {
            throw new AnalysisParameterException("input", $"{points.Count} points in the input; at least {atLeast} are needed");
        }

        return points;
    }
}
