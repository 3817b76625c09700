using System.Text.Json.Nodes;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Analysis;

/// <summary>"Who is responsible here?": one prepared statement answers for a point or a polygon.</summary>
public sealed class ResponsibilityLookup(ReadSource reads)
{
    // The replica when one is configured and this request may read from it (see ReadSource).
    private NpgsqlDataSource DataSource => reads.Current;

    /// <summary>The answer for <paramref name="where"/> (EPSG:4490), with sites and reports within <paramref name="radius"/> m
    /// and the nearest road segment only within <paramref name="roadDistance"/> m; phone numbers whole only when <paramref name="wholePhones"/>.</summary>
    public async Task<JsonObject> LookupAsync(Geometry where, double radius, double roadDistance, bool wholePhones, CancellationToken ct)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = await PreparedQuery.CreateAsync(connection, SqlFiles.Read("Analysis/responsibility.sql"), [where, radius, roadDistance, wholePhones], ct).ConfigureAwait(false);
        var json = (string)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        return JsonNode.Parse(json)!.AsObject();
    }
}
