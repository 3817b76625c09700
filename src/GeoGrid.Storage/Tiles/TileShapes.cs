using GeoGrid.Core.Coverage;
using GeoGrid.Core.Crs;
using GeoGrid.Storage.Collections;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Tiles;

/// <summary>
/// GeoGrid's per-zoom generalisation: for each generalised layer and each zoom from its first to
/// <see cref="FullZoom"/>, every feature's shape in EPSG:3857, simplified (topology kept, nothing
/// dropped) to half a tile unit of that zoom — below what a 4096-unit tile can show. Polygons that
/// form a coverage (areas, grids, floodplain zones) are simplified together, each shared border once, so
/// neighbours neither open slivers nor overlap at any zoom; lines each alone. At
/// <see cref="FullZoom"/> and deeper, tiles read the unsimplified shape. Moving and simplifying once
/// here, instead of per tile, is what makes a tile of big polygons cheap. The SQL is built from the
/// catalog, like the tile SQL.
/// </summary>
public static class TileShapes
{
    public const int FullZoom = 14;

    private const double Circumference = 40075016.685578488;

    /// <summary>Rebuilds the shapes of <paramref name="layers"/> (default: every generalised layer) in one transaction.</summary>
    public static async Task RefreshAsync(NpgsqlDataSource dataSource, IEnumerable<TileLayer>? layers = null, CancellationToken ct = default)
    {
        var generalised = (layers ?? TileCatalog.Layers).Where(l => l.Generalised).ToList();
        if (generalised.Count == 0)
        {
            // Points (reports, sites, duty units) have no shapes; a create of one must not pay for the
            // ANALYZE below, which takes a lock that concurrent creates would queue behind.
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var layer in generalised)
        {
            if (layer.Coverage)
            {
                await RefreshCoverageAsync(connection, tx, layer, ct).ConfigureAwait(false);
                continue;
            }

            await using var cmd = new NpgsqlCommand(BuildRefresh(layer), connection, tx) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        await using var analyze = new NpgsqlCommand("ANALYZE tile_shapes", connection);
        await analyze.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Rebuilds the shapes of the layers drawn from <paramref name="table"/>, after an import into it.</summary>
    public static Task RefreshTableAsync(NpgsqlDataSource dataSource, string table, CancellationToken ct = default) =>
        RefreshAsync(dataSource, TileCatalog.Layers.Where(l => l.Collection.Table == table), ct);

    /// <summary>Builds the shapes of layers that have none yet: a database migrated before they existed, a
    /// fresh one with data, or a layer added to the catalog since (label points). A layer with nothing to
    /// draw is rebuilt at each start, which costs nothing.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        var generalised = TileCatalog.Layers.Where(l => l.Generalised).ToList();
        await using var cmd = dataSource.CreateCommand(
            "SELECT l FROM unnest($1::text[]) l WHERE EXISTS (SELECT 1 FROM admin_areas) AND NOT EXISTS (SELECT 1 FROM tile_shapes s WHERE s.layer = l)");
        cmd.Parameters.Add(new() { Value = generalised.Select(l => l.Id).ToArray() });
        var missing = new HashSet<string>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) missing.Add(reader.GetString(0));
        }

        if (missing.Count > 0)
        {
            await RefreshAsync(dataSource, generalised.Where(l => missing.Contains(l.Id)), ct).ConfigureAwait(false);
        }
    }

    /// <summary>The join and filter a tile of a generalised layer reads its shapes with (alias <c>s</c>).</summary>
    public static string Join(TileLayer layer, string zoom) =>
        $"tile_shapes s JOIN {SqlText.Identifier(layer.Collection.Table)} t ON t.{SqlText.Identifier(layer.Collection.IdColumn)}::text = s.key"
        + $" AND s.layer = {SqlText.Literal(layer.Id)} AND s.zoom = least({zoom}, {FullZoom})::smallint";

    /// <summary>The tolerance a shape of zoom <paramref name="zoom"/> is simplified to: half a tile unit, in metres of EPSG:3857.</summary>
    public static double Tolerance(int zoom) => Circumference / Math.Pow(2, zoom) / 4096 / 2;

    /// <summary>The shapes of a coverage layer, simplified as one coverage per zoom (see
    /// <see cref="CoverageGeneralisation"/>): PostGIS 3.3 has no coverage simplification (ST_CoverageSimplify
    /// needs 3.4 and GEOS 3.12), so the shapes are read, simplified here and written back with COPY. They
    /// are noded in the stored CRS, where the edges are straight lines (a vertex on a neighbour's edge in
    /// CGCS2000 is off it by centimetres once both are projected), and projected here, once.</summary>
    private static async Task RefreshCoverageAsync(NpgsqlConnection connection, NpgsqlTransaction tx, TileLayer layer, CancellationToken ct)
    {
        var c = layer.Collection;
        var keys = new List<string>();
        var shapes = new List<Geometry>();
        await using (var read = new NpgsqlCommand(
            $"SELECT t.{SqlText.Identifier(c.IdColumn)}::text, t.geom FROM {SqlText.Identifier(c.Table)} t"
            + (c.Where is { } where ? $" WHERE {where}" : "") + " ORDER BY 1", connection, tx) { CommandTimeout = 0 })
        await using (var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                keys.Add(reader.GetString(0));
                shapes.Add(reader.GetFieldValue<Geometry>(1));
            }
        }

        await using (var delete = new NpgsqlCommand($"DELETE FROM tile_shapes WHERE layer = {SqlText.Literal(layer.Id)}", connection, tx))
        {
            await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var zooms = Enumerable.Range(Math.Min(layer.MinZoom, FullZoom), FullZoom - Math.Min(layer.MinZoom, FullZoom) + 1).ToArray();
        // Shared borders through the same vertices first (to 1e-8°, a millimetre), once for every zoom.
        var noded = CoverageGeneralisation.Node(shapes, 1e-8).AsParallel().AsOrdered()
            .Select(g => Reprojector.Transform(g, CrsNames.Storage, Crs.Epsg3857)).ToArray();
        var simplified = new Geometry[zooms.Length][];
        Parallel.For(0, zooms.Length, new ParallelOptions { CancellationToken = ct },
            z => simplified[z] = zooms[z] >= FullZoom ? noded : CoverageGeneralisation.Simplify(noded, Tolerance(zooms[z])).Simplified);
        await using var copy = await connection.BeginBinaryImportAsync("COPY tile_shapes (layer, zoom, key, geom) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        for (var z = 0; z < zooms.Length; z++)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                await copy.StartRowAsync(ct).ConfigureAwait(false);
                await copy.WriteAsync(layer.Id, NpgsqlTypes.NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync((short)zooms[z], NpgsqlTypes.NpgsqlDbType.Smallint, ct).ConfigureAwait(false);
                await copy.WriteAsync(keys[i], NpgsqlTypes.NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(simplified[z][i], ct).ConfigureAwait(false);
            }
        }

        await copy.CompleteAsync(ct).ConfigureAwait(false);
    }

    private static string BuildRefresh(TileLayer layer)
    {
        var c = layer.Collection;
        var tolerance = $"{Circumference} / 2 ^ z / 4096 / 2"; // Tolerance(z), in SQL
        // A label point is the same at every zoom, and inside its polygon (GEOS's interior point: the middle
        // of the widest stretch across it, cheap enough to redo with every refresh).
        var shape = layer.LabelPoints ? "ST_Transform(ST_PointOnSurface(t.geom), 3857)"
            : $"CASE WHEN z >= {FullZoom} THEN ST_Transform(t.geom, 3857) ELSE ST_SimplifyPreserveTopology(ST_Transform(t.geom, 3857), {tolerance}) END";
        return $"DELETE FROM tile_shapes WHERE layer = {SqlText.Literal(layer.Id)};\n"
            + $"INSERT INTO tile_shapes (layer, zoom, key, geom) SELECT {SqlText.Literal(layer.Id)}, z, t.{SqlText.Identifier(c.IdColumn)}::text,"
            + $" {shape}"
            + $" FROM {SqlText.Identifier(c.Table)} t, generate_series({Math.Min(layer.MinZoom, FullZoom)}, {FullZoom}) z"
            + (c.Where is { } where ? $" WHERE {where}" : "");
    }
}
