using GeoGrid.Core.Measure;
using GeoGrid.Testing;
using NetTopologySuite.Geometries;

namespace GeoGrid.Storage.Tests.Measure;

/// <summary>Core's metric areas and lengths against PostGIS <c>geography</c> on the demo's real shapes.</summary>
[Collection(PostGisCollection.Name)]
public sealed class GeodesicTests(PostGisFixture db)
{
    [Fact]
    public async Task District_and_grid_areas_agree_with_postgis_geography_to_0_1_percent()
    {
        await using var cmd = db.DataSource.CreateCommand("""
            (SELECT geom, ST_Area(geom::geography) FROM admin_areas WHERE level = 'district')
            UNION ALL (SELECT geom, ST_Area(geom::geography) FROM grids WHERE level = 3 ORDER BY code LIMIT 200)
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        var n = 0;
        while (await reader.ReadAsync())
        {
            var ours = Geodesic.AreaSquareMetres(reader.GetFieldValue<Geometry>(0));
            var postgis = reader.GetDouble(1);
            Assert.True(Math.Abs(ours - postgis) / postgis < 0.001, $"area {ours} vs PostGIS {postgis}");
            n++;
        }

        Assert.Equal(212, n);
    }

    [Fact]
    public async Task Road_lengths_agree_with_postgis_geography_to_0_1_percent()
    {
        await using var cmd = db.DataSource.CreateCommand("SELECT geom, ST_Length(geom::geography) FROM road_segments");
        await using var reader = await cmd.ExecuteReaderAsync();
        var n = 0;
        while (await reader.ReadAsync())
        {
            var ours = Geodesic.LengthMetres(reader.GetFieldValue<Geometry>(0));
            var postgis = reader.GetDouble(1);
            Assert.True(Math.Abs(ours - postgis) / postgis < 0.001, $"length {ours} vs PostGIS {postgis}");
            n++;
        }

        Assert.True(n > 100);
    }
}
