using GeoGrid.Core.Crs;
using CrsCode = GeoGrid.Core.Crs.Crs;

namespace GeoGrid.Core.Tests.Crs;

public sealed class CrsNamesTests
{
    [Theory]
    [InlineData("EPSG:4326", CrsCode.Epsg4326)]
    [InlineData("4490", CrsCode.Epsg4490)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4547", CrsCode.Epsg4547)]
    [InlineData("urn:ogc:def:crs:EPSG::3857", CrsCode.Epsg3857)]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84", CrsCode.Epsg4326)]
    [InlineData("gcj-02", CrsCode.Gcj02)]
    public void Parses_the_names_users_type(string text, CrsCode expected)
    {
        Assert.True(CrsNames.TryParse(text, out var crs));
        Assert.Equal(expected, crs);
    }

    [Theory]
    [InlineData("EPSG:2000")]
    [InlineData("EPSG:-2")]
    [InlineData("WGS84")]
    [InlineData("")]
    public void Refuses_what_it_does_not_support(string text) => Assert.False(CrsNames.TryParse(text, out _));
}
