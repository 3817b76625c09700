using System.Diagnostics;
using GeoGrid.Server.Raster;
using GeoGrid.Server.Styles;
using GeoGrid.Storage;
using GeoGrid.Storage.Tiles;
using NetTopologySuite.Geometries;

namespace GeoGrid.Bench;

/// <summary>
/// Where a WMS map's time goes (bench/wms.sh measures the whole): reading the features of a box from
/// PostGIS, parsing them, drawing, and encoding the PNG, each timed over the same boxes.
/// </summary>
internal static class RasterBench
{
    public static async Task<Dictionary<string, object>> RunAsync(string layer, int rounds, string connectionString)
    {
        await using var dataSource = GeoGridDataSource.Create(connectionString);
        var source = new TileSource(dataSource, MapStyle.DrawnProperties);
        var layers = TileCatalog.Find(layer) ?? throw new ArgumentException($"no tileset {layer}");
        // Tile-sized boxes in EPSG:3857 around the city centre at z11–14, as bench/wms.sh draws them.
        var boxes = new List<(int Zoom, Envelope Box)>();
        for (var z = 11; z <= 14; z++)
        {
            var n = 1 << z;
            var size = 2 * 20037508.342789244 / n;
            var x = (int)((113.66 + 180) / 360 * n);
            var lat = 34.75 * Math.PI / 180;
            var y = (int)((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * n);
            boxes.Add((z, new Envelope(-20037508.342789244 + x * size, -20037508.342789244 + (x + 1) * size, 20037508.342789244 - (y + 1) * size, 20037508.342789244 - y * size)));
        }

        double query = 0, parse = 0, draw = 0;
        long features = 0, bytes = 0;
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (zoom, box) in boxes)
            {
                var clock = Stopwatch.StartNew();
                var rows = await source.FeaturesInBoxAsync(layers, zoom, box, 3857, CancellationToken.None);
                var t1 = clock.Elapsed.TotalMilliseconds;
                var parsed = RasterTilesApi.Parse(rows);
                var t2 = clock.Elapsed.TotalMilliseconds;
                var png = RasterRenderer.RenderPng(parsed, 256, 256, TileQuery.Extent, zoom, transparent: true);
                var t3 = clock.Elapsed.TotalMilliseconds;
                // The first round warms up connections, prepared statements and the JIT.
                if (round == 0) continue;
                (query, parse, draw) = (query + t1, parse + t2 - t1, draw + t3 - t2);
                features += rows.Count;
                bytes += png.Length;
            }
        }

        var maps = rounds * boxes.Count;
        // An empty map: the cost of the surface and of encoding alone.
        var empty = Stopwatch.StartNew();
        for (var i = 0; i < maps; i++) RasterRenderer.RenderPng([], 256, 256, TileQuery.Extent, 12, transparent: false);
        var emptyMs = empty.Elapsed.TotalMilliseconds / maps;
        return new()
        {
            ["bench"] = "raster",
            ["layer"] = layer,
            ["maps"] = maps,
            ["features_per_map"] = features / maps,
            ["png_bytes_per_map"] = bytes / maps,
            ["query_ms"] = Math.Round(query / maps, 2),
            ["parse_ms"] = Math.Round(parse / maps, 2),
            ["draw_and_encode_ms"] = Math.Round(draw / maps, 2),
            ["empty_map_ms"] = Math.Round(emptyMs, 2),
        };
    }
}
