using GeoGrid.Core.Access;
using GeoGrid.Storage.Schema;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Storage.Access;

/// <summary>
/// Where a feature lies (the most local administrative area under a point on its surface) and whether
/// an actor limited to some areas may change it. Checked inside the edit's transaction, before any
/// write, for the feature's place before and after the change.
/// </summary>
public static class AreaLimits
{
    /// <summary>The area (code, name) under <paramref name="geometry"/> (EPSG:4490), or null outside every area.</summary>
    public static async Task<(string Code, string Name)?> AreaAtAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Geometry geometry, CancellationToken ct)
    {
        var g = geometry.Copy();
        g.SRID = 4490;
        await using var cmd = new NpgsqlCommand(SqlFiles.Read("Access/area_at.sql"), connection, tx) { Parameters = { new() { Value = g } } };
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Why <paramref name="actor"/> may not change a feature at <paramref name="geometry"/>, or null when they may.</summary>
    public static async Task<string?> RefusalAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Actor actor, Geometry geometry, CancellationToken ct)
    {
        if (actor.Areas is null)
        {
            return null;
        }

        var area = await AreaAtAsync(connection, tx, geometry, ct).ConfigureAwait(false);
        if (area is { } a && actor.Covers(a.Code))
        {
            return null;
        }

        await using var cmd = new NpgsqlCommand(SqlFiles.Read("Access/area_name.sql"), connection, tx) { Parameters = { new() { Value = actor.Areas.ToArray() } } };
        var theirs = (string)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        return area is { } outside
            ? $"{actor.Name} may change features in {theirs} only; this one lies in {outside.Name} ({outside.Code})"
            : $"{actor.Name} may change features in {theirs} only; this one lies outside every administrative area";
    }

    /// <summary>The administrative areas a code or name (高村乡) names: code, name and the district it lies in.</summary>
    public static async Task<IReadOnlyList<(string Code, string Name, string District)>> FindAsync(NpgsqlDataSource dataSource, string codeOrName, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Access/area_find.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = codeOrName.Trim() });
        var found = new List<(string, string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            found.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return found;
    }
}
