using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Crs;

/// <summary>Applies a point function to every coordinate of a copy of a geometry: the one place that
/// rewrites coordinates, for reprojection and for local metric projections alike.</summary>
public static class CoordinateMap
{
    public static Geometry Apply(Geometry geometry, Func<double, double, (double X, double Y)> map)
    {
        var copy = geometry.Copy();
        copy.Apply(new MapFilter(map));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class MapFilter(Func<double, double, (double X, double Y)> map) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = map(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
