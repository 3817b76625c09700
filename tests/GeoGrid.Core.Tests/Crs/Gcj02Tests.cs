using GeoGrid.Core.Crs;

namespace GeoGrid.Core.Tests.Crs;

public sealed class Gcj02Tests
{
    // Published vectors of independent implementations (a Rust CLI's suite, a pytest suite). They
    // agree with each other and with this one to 1e-7° (1 cm): the last digits depend on the order of
    // floating-point operations, so the check is to 1e-6° (0.1 m), far below GCJ-02's ~500 m shift.
    [Theory]
    [InlineData(121.0917077, 30.6107779, 121.09626935575027, 30.608604331756705)]
    [InlineData(116.0, 40.0, 116.006141221789, 40.001213650174)]
    public void Wgs84_to_gcj02_matches_published_vectors(double lon, double lat, double gcjLon, double gcjLat)
    {
        var (x, y) = Gcj02.FromWgs84(lon, lat);
        Assert.Equal(gcjLon, x, 1e-6);
        Assert.Equal(gcjLat, y, 1e-6);
    }

    [Fact]
    public void Gcj02_to_wgs84_matches_a_published_vector()
    {
        var (x, y) = Gcj02.ToWgs84(123, 45);
        Assert.Equal(122.99395597, x, 1e-6);
        Assert.Equal(44.99804071, y, 1e-6);
    }

    [Fact]
    public void Inverse_recovers_wgs84_across_zhengzhou_to_a_millimetre()
    {
        for (var lon = 112.7; lon <= 114.2; lon += 0.1)
        {
            for (var lat = 34.3; lat <= 35.0; lat += 0.1)
            {
                var (gx, gy) = Gcj02.FromWgs84(lon, lat);
                Assert.True(Math.Abs(gx - lon) > 1e-4, "GCJ-02 shifts points in China");
                var (wx, wy) = Gcj02.ToWgs84(gx, gy);
                Assert.Equal(lon, wx, 1e-8);
                Assert.Equal(lat, wy, 1e-8);
            }
        }
    }

    [Fact]
    public void Points_outside_china_are_not_shifted()
    {
        Assert.Equal((183.0, 45.0), Gcj02.ToWgs84(183, 45));
        Assert.Equal((2.35, 48.85), Gcj02.FromWgs84(2.35, 48.85));
    }
}
