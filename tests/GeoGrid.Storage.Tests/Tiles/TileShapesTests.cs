using GeoGrid.Core.Coverage;
using GeoGrid.Storage.Tiles;
using NetTopologySuite.Geometries;
using GeoGrid.Testing;

namespace GeoGrid.Storage.Tests.Tiles;

/// <summary>The per-zoom generalised shapes keep every feature at every zoom, and lose little area.</summary>
[Collection(PostGisCollection.Name)]
public sealed class TileShapesTests(PostGisFixture db)
{
    public static TheoryData<string> Generalised => [.. TileCatalog.Layers.Where(l => l.Generalised).Select(l => l.Id)];

    public static TheoryData<string> Coverages => [.. TileCatalog.Layers.Where(l => l.Coverage).Select(l => l.Id)];

    public static TheoryData<string> Labelled => [.. TileCatalog.Layers.Where(l => l.LabelPoints).Select(l => l.Collection.Id)];

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

        if (table != "rivers" && !layer.LabelPoints)
        {
            // Simplified to half a tile unit, a layer's total area at its first zoom moves by well under 1 %.
            var full = await db.ScalarAsync<double>("SELECT sum(ST_Area(geom)) FROM tile_shapes WHERE layer = $1 AND zoom = $2", id, (short)TileShapes.FullZoom);
            var first = await db.ScalarAsync<double>("SELECT sum(ST_Area(geom)) FROM tile_shapes WHERE layer = $1 AND zoom = $2", id, (short)layer.MinZoom);
            Assert.InRange(first / full, 0.99, 1.01);
        }
    }

    [Theory]
    [MemberData(nameof(Coverages))]
    public async Task A_coverage_simplified_for_any_zoom_is_still_a_coverage_without_gaps_or_overlaps(string id)
    {
        var layer = TileCatalog.Layers.Single(l => l.Id == id);

        // The product's own coverage check, on the shapes as tiles draw them (moved back to lon/lat).
        async Task<ILookup<CoverageProblemKind, CoverageProblem>> ProblemsAsync(int zoom)
        {
            var children = new List<CoverageCheck.Child>();
            await using var cmd = db.DataSource.CreateCommand("SELECT key, ST_Transform(geom, 4490) FROM tile_shapes WHERE layer = $1 AND zoom = $2");
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = (short)zoom });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                children.Add(new CoverageCheck.Child(reader.GetString(0), reader.GetFieldValue<Geometry>(1)));
            }

            Assert.NotEmpty(children);
            return CoverageCheck.Check(null, children).ToLookup(p => p.Kind);
        }

        // Whatever the data has at full detail (the demo: nothing) is all the simplified shapes may have.
        var full = await ProblemsAsync(TileShapes.FullZoom);
        for (var zoom = layer.MinZoom; zoom < TileShapes.FullZoom; zoom++)
        {
            var simplified = await ProblemsAsync(zoom);
            foreach (var kind in new[] { CoverageProblemKind.Gap, CoverageProblemKind.Overlap, CoverageProblemKind.InvalidGeometry })
            {
                Assert.True(simplified[kind].Count() <= full[kind].Count(),
                    $"{id} z{zoom}: {simplified[kind].Count()} × {kind} (at full detail {full[kind].Count()}), e.g. between {string.Join(", ", simplified[kind].FirstOrDefault()?.Grids ?? [])}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Labelled))]
    public async Task Each_polygon_has_one_label_point_inside_it(string collection)
    {
        var layer = TileCatalog.Layers.Single(l => l.LabelPoints && l.Collection.Id == collection);
        var c = layer.Collection;
        var outside = await db.ScalarAsync<long>(
            $"SELECT count(*) FROM tile_shapes s JOIN {c.Table} t ON t.{c.IdColumn}::text = s.key AND s.layer = $1 WHERE {c.Where ?? "true"}"
            + " AND (GeometryType(s.geom) <> 'POINT' OR NOT ST_DWithin(t.geom, ST_Transform(s.geom, 4490), 1e-7))", layer.Id);
        Assert.Equal(0, outside);
    }

    [Fact]
    public async Task A_town_cut_by_tile_edges_is_labelled_in_one_tile_only()
    {
        // 3 × 3 tiles of z12 over central Zhengzhou: towns there span several tiles each.
        var source = new TileSource(db.DataSource, ["code", "name"]);
        var polygonTiles = new Dictionary<string, int>();
        var labelTiles = new Dictionary<string, int>();
        for (var x = 3337; x <= 3339; x++)
        {
            for (var y = 1623; y <= 1625; y++)
            {
                foreach (var row in await source.FeaturesAsync("towns", 12, x, y, CancellationToken.None))
                {
                    var code = row.Properties["code"]!;
                    var geometry = new NetTopologySuite.IO.WKBReader().Read(row.Wkb);
                    if (row.Layer == "towns")
                    {
                        polygonTiles[code] = polygonTiles.GetValueOrDefault(code) + 1;
                    }
                    else if (geometry.Coordinate is { X: >= 0 and < TileQuery.Extent, Y: >= 0 and < TileQuery.Extent })
                    {
                        // Label points in the buffer belong to the neighbour; inside the tile proper, to this one.
                        Assert.Equal("towns-labels", row.Layer);
                        labelTiles[code] = labelTiles.GetValueOrDefault(code) + 1;
                    }
                }
            }
        }

        Assert.Contains(polygonTiles.Values, n => n > 1);
        Assert.NotEmpty(labelTiles);
        Assert.All(labelTiles, l => Assert.Equal(1, l.Value));
    }
}
