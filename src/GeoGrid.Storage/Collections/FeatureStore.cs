using System.Runtime.CompilerServices;
using Npgsql;

namespace GeoGrid.Storage.Collections;

/// <summary>
/// Reading features of the served collections: the storage side of OGC API – Features, WMS
/// GetFeatureInfo and the HTML pages. Callers hand it an <see cref="ItemsRequest"/> and get GeoJSON
/// Features as text (built by PostGIS); they never see a connection or SQL.
/// </summary>
public sealed class FeatureStore(ReadSource reads)
{
    // The replica when one is configured and this request may read from it (see ReadSource).
    private NpgsqlDataSource DataSource => reads.Current;

    /// <summary>How many features match (numberMatched).</summary>
    public async Task<long> CountAsync(ItemsRequest r, CancellationToken ct)
    {
        var (sql, args) = ItemsQuery.Count(r);
        await using var connection = await DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = await PreparedQuery.CreateAsync(connection, sql, args, ct).ConfigureAwait(false);
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>The page of features, one GeoJSON Feature text at a time, streamed from PostGIS.</summary>
    public async IAsyncEnumerable<string> ItemsAsync(ItemsRequest r, [EnumeratorCancellation] CancellationToken ct)
    {
        var (sql, args) = ItemsQuery.Items(r);
        await using var connection = await DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = await PreparedQuery.CreateAsync(connection, sql, args, ct).ConfigureAwait(false);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return reader.GetString(0);
        }
    }

    /// <summary>The page of features in memory, for pages that are small by construction (HTML, GetFeatureInfo).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(ItemsRequest r, CancellationToken ct)
    {
        var features = new List<string>();
        await foreach (var f in ItemsAsync(r, ct).ConfigureAwait(false))
        {
            features.Add(f);
        }

        return features;
    }

    /// <summary>The extent of a collection in CRS84 (minx, miny, maxx, maxy), or null when it is empty.</summary>
    public async Task<double[]?> ExtentAsync(Collection c, CancellationToken ct)
    {
        await using var cmd = DataSource.CreateCommand(ItemsQuery.Extent(c));
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) && !reader.IsDBNull(0)
            ? [reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)]
            : null;
    }

    /// <summary>The version of an editable feature (its ETag), or null for read-only collections and missing features.</summary>
    public Task<int?> VersionAsync(Collection c, string featureId, CancellationToken ct) => c.Id switch
    {
        "sites" => Features.SiteEdits.VersionAsync(DataSource, featureId, ct),
        "reports" => Features.ReportEdits.VersionAsync(DataSource, featureId, ct),
        _ => Task.FromResult<int?>(null),
    };
}
