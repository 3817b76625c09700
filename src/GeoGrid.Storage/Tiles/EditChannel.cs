using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Tiles;

/// <summary>
/// PostgreSQL's LISTEN/NOTIFY on one channel, <c>geogrid_tiles</c>: servers sharing a database tell each
/// other which tiles an edit made stale, so a tile cached by one is dropped the moment another edits.
/// A notice is lost while a listener is disconnected; the data version each cache checks covers that.
/// </summary>
public sealed class EditChannel(NpgsqlDataSource dataSource)
{
    /// <summary>PostgreSQL's limit on a notice's payload is 8,000 bytes.</summary>
    public const int MaxPayloadBytes = 7_900;

    public async Task PublishAsync(string payload, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Tiles/notify.sql"));
        cmd.Parameters.AddWithValue(payload);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Listens on a connection of its own until <paramref name="ct"/> ends, handing each notice's
    /// payload to <paramref name="received"/> (<paramref name="listening"/> is called once notices arrive);
    /// throws when the connection breaks (the caller listens again).</summary>
    public async Task ListenAsync(Action<string> received, Action listening, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        connection.Notification += (_, notice) => received(notice.Payload);
        await using (var listen = new NpgsqlCommand(SqlFiles.Read("Tiles/listen.sql"), connection))
        {
            await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        listening();

        while (true)
        {
            await connection.WaitAsync(ct).ConfigureAwait(false);
        }
    }
}
