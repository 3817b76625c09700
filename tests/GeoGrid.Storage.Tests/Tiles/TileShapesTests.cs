using GeoGrid.Storage.Tiles;
using GeoGrid.Testing;

namespace GeoGrid.Storage.Tests.Tiles;

/// <summary>The per-zoom generalised shapes keep every feature at every zoom, and lose little area.</summary>
[Collection(PostGisCollection.Name)]
public sealed class TileShapesTests(PostGisFixture db)
{
    public static TheoryData<string> Generalised => [.. TileCatalog.Layers.Where(l => l.Generalised).Select(l => l.Id)];

    [Theory]
    [MemberData(nameof(Generalised))]
    public async Task Every_feature_has_a_non_empty_shape_at_every_zoom_of_its_layer(string id)
    {
        var layer = TileCatalog.Layers.Single(l => l.Id == id);
        var table = layer.Collection.Table;
        var where = layer.Collection.Where ?? "true";
        var features = await db.ScalarAsync<long>($"SELECT count(*) FROM {table} t WHERE {where}");
        for (var zoom = layer.MinZoom; zoom <= TileShapes.FullZoom; zoom++)
        {
            Assert.Equal(features, await db.ScalarAsync<long>("SELECT count(*) FROM tile_shapes WHERE layer = $1 AND zoom = $2 AND NOT ST_IsEmpty(geom)", id, (short)zoom));
        }

        if (table != "rivers")
        {
            // Simplified to half a tile unit, a layer's total area at its first zoom moves by well under 1 %.
            var full = await db.ScalarAsync<double>("SELECT sum(ST_Area(geom)) FROM tile_shapes WHERE layer = $1 AND zoom = $2", id, (short)TileShapes.FullZoom);
            var first = await db.ScalarAsync<double>("SELECT sum(ST_Area(geom)) FROM tile_shapes WHERE layer = $1 AND zoom = $2", id, (short)layer.MinZoom);
            Assert.InRange(first / full, 0.99, 1.01);
        }
    }
}
