using System.Security.Cryptography;
using GeoGrid.Core.Access;
using GeoGrid.Core.Import;
using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Storage.Features;

/// <summary>
/// Photos and documents on a site's events (checked by the caller with <c>AttachmentCheck</c>): kept in
/// the database with their SHA-256, so a backup holds them with their site and a read can prove them
/// unchanged. Attaching is an edit: in the actor's areas, audited, in one transaction.
/// </summary>
public static class SiteAttachments
{
    public sealed record Stored(long Id, long EventId, string Sha256Hex);

    public sealed record File(string Name, string ContentType, byte[] Content, byte[] Sha256, DateTimeOffset At);

    /// <summary>Keeps a file on the event <paramref name="eventId"/> (or the latest) of a site. <paramref name="pathTemplate"/> is where it will be read, with <c>{id}</c> for its id.</summary>
    internal static async Task<(Stored? Stored, EditOutcome? Refusal)> AddAsync(NpgsqlDataSource dataSource, string code, long? eventId, string fileName, string contentType, byte[] content, string pathTemplate, Actor actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (site, refusal) = await EditSupport.LockVersionAsync(connection, tx, "Edit/site_lock.sql", code, null, ct).ConfigureAwait(false);
        if (refusal is not null || (refusal = await EditSupport.AreaRefusalAsync(connection, tx, actor, ct, site.Geometry).ConfigureAwait(false)) is not null)
        {
            return (null, refusal);
        }

        long target;
        await using (var find = new NpgsqlCommand(SqlFiles.Read("Edit/attachment_event.sql"), connection, tx)
        {
            Parameters = { new() { Value = site.Id }, new() { Value = (object?)eventId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint } },
        })
        {
            if (await find.ExecuteScalarAsync(ct).ConfigureAwait(false) is not long found)
            {
                return (null, EditOutcome.Refused([new ImportProblem(1, "event", $"site {code} has no event {eventId}")]));
            }

            target = found;
        }

        var sha = SHA256.HashData(content);
        long id;
        await using (var add = new NpgsqlCommand(SqlFiles.Read("Edit/attachment_add.sql"), connection, tx)
        {
            Parameters =
            {
                new() { Value = target }, new() { Value = fileName }, new() { Value = contentType }, new() { Value = content }, new() { Value = sha },
                new() { Value = actor.Name }, new() { Value = site.Id }, new() { Value = pathTemplate },
            },
        })
        {
            id = (long)(await add.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }

        var hex = Convert.ToHexStringLower(sha);
        await EditSupport.AuditAsync(connection, tx, actor, "attach", "sites", code, site.Geometry, null,
            System.Text.Json.JsonSerializer.Serialize(new { attachment = id, @event = target, file_name = fileName, content_type = contentType, size = content.Length, sha256 = hex }), ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return (new Stored(id, target, hex), null);
    }

    public static async Task<File?> ReadAsync(NpgsqlDataSource dataSource, string code, long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(SqlFiles.Read("Edit/attachment_read.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = code });
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new File(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }
}
