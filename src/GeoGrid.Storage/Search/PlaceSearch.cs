using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Search;

/// <summary>Finds places by name or code across the layers people ask for by name (see Search/places.sql).</summary>
public sealed class PlaceSearch(ReadSource reads)
{
    // The replica when one is configured and this request may read from it (see ReadSource).
    private NpgsqlDataSource DataSource => reads.Current;

    /// <summary>One place found: what it is, its code and name (for sites and reports, their category), a detail (level, chief or status) and its extent (lon/lat).</summary>
    public sealed record Place(string Kind, string Code, string Name, string? Detail, double West, double South, double East, double North);

    public async Task<IReadOnlyList<Place>> FindAsync(string text, int limit, CancellationToken ct)
    {
        await using var cmd = DataSource.CreateCommand(SqlFiles.Read("Search/places.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = text });
        // The text is matched as typed: % and _ in it are letters, not wildcards.
        cmd.Parameters.Add(new NpgsqlParameter { Value = "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        var places = new List<Place>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            places.Add(new Place(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7)));
        }

        return places;
    }
}
