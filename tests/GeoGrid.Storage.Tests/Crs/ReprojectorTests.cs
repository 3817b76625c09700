using GeoGrid.Core.Crs;
using GeoGrid.Testing;
using CrsCode = GeoGrid.Core.Crs.Crs;

namespace GeoGrid.Storage.Tests.Crs;

/// <summary>ProjNET (in Core) against PostGIS/PROJ <c>ST_Transform</c> on a lattice over Zhengzhou.</summary>
[Collection(PostGisCollection.Name)]
public sealed class ReprojectorTests(PostGisFixture db)
{
    public static TheoryData<CrsCode, double> Targets => new()
    {
        { CrsCode.Epsg4547, 0.001 }, // 1 mm
        { CrsCode.Epsg3857, 0.001 },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Projnet_agrees_with_postgis_across_zhengzhou(CrsCode target, double toleranceMetres)
    {
        var worst = 0.0;
        for (var lon = 112.7; lon <= 114.25; lon += 0.05)
        {
            for (var lat = 34.25; lat <= 35.0; lat += 0.05)
            {
                var (x, y) = Reprojector.Transform(lon, lat, CrsCode.Epsg4490, target);
                await using var cmd = db.DataSource.CreateCommand("SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4490), $3) p");
                cmd.Parameters.Add(new() { Value = lon });
                cmd.Parameters.Add(new() { Value = lat });
                cmd.Parameters.Add(new() { Value = (int)target });
                await using var reader = await cmd.ExecuteReaderAsync();
                await reader.ReadAsync();
                worst = Math.Max(worst, Math.Max(Math.Abs(reader.GetDouble(0) - x), Math.Abs(reader.GetDouble(1) - y)));

                var (backLon, backLat) = Reprojector.Transform(x, y, target, CrsCode.Epsg4326);
                Assert.Equal(lon, backLon, 1e-9);
                Assert.Equal(lat, backLat, 1e-9);
            }
        }

        Assert.True(worst < toleranceMetres, $"worst difference {worst} m");
    }

    [Fact]
    public async Task Cgcs2000_and_wgs84_are_the_same_coordinates_as_in_postgis()
    {
        var moved = await db.ScalarAsync<double>("SELECT ST_Distance(ST_Transform(ST_SetSRID(ST_MakePoint(113.65, 34.76), 4490), 4326), ST_SetSRID(ST_MakePoint(113.65, 34.76), 4326))");
        Assert.True(moved < 1e-9);
        Assert.Equal((113.65, 34.76), Reprojector.Transform(113.65, 34.76, CrsCode.Epsg4490, CrsCode.Epsg4326));
    }
}
