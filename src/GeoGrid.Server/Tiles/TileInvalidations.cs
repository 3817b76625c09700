using System.Globalization;
using System.Text;
using System.Text.Json;
using GeoGrid.Storage.Tiles;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;

namespace GeoGrid.Server.Tiles;

/// <summary>
/// Keeps the tile caches of servers sharing a database in step: what this server's cache drops after an
/// edit is announced on the <see cref="EditChannel"/>, and what the others announce is dropped here at
/// once — without waiting for the data-version check, which would drop the whole cache.
/// </summary>
public sealed class TileInvalidations : BackgroundService
{
    private readonly EditChannel _channel;
    private readonly TileCache _cache;
    private readonly ILogger<TileInvalidations> _logger;
    private readonly string _self = Guid.NewGuid().ToString("N");

    public TileInvalidations(EditChannel channel, TileCache cache, ILogger<TileInvalidations> logger)
    {
        (_channel, _cache, _logger) = (channel, cache, logger);
        _cache.Invalidated += Announce;
    }

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Notices from other servers handled so far.</summary>
    public long Received { get; private set; }

    /// <summary>Completes once this server hears the others (the first LISTEN succeeded).</summary>
    public Task Listening => _listening.Task;

    private void Announce(string layer, IReadOnlyList<Envelope> boxes) => _ = AnnounceAsync(layer, boxes);

    private async Task AnnounceAsync(string layer, IReadOnlyList<Envelope> boxes)
    {
        try
        {
            await _channel.PublishAsync(Payload(layer, boxes), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Nobody hears it: the other servers' data-version checks drop their caches instead.
            _logger.LogDebug(e, "tile invalidation not announced");
        }
    }

    /// <summary>The layer and the boxes, or their envelope when the list would not fit a notice.</summary>
    private string Payload(string layer, IReadOnlyList<Envelope> boxes)
    {
        string Json(IEnumerable<Envelope> b) => JsonSerializer.Serialize(new { from = _self, layer, boxes = b.Select(e => new[] { e.MinX, e.MinY, e.MaxX, e.MaxY }) });
        var json = Json(boxes);
        if (Encoding.UTF8.GetByteCount(json) <= EditChannel.MaxPayloadBytes)
        {
            return json;
        }

        var all = new Envelope();
        foreach (var b in boxes) all.ExpandToInclude(b);
        return Json([all]);
    }

    private void Receive(string payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (root.GetProperty("from").GetString() == _self)
            {
                return;
            }

            var boxes = root.GetProperty("boxes").EnumerateArray()
                .Select(b => new Envelope(b[0].GetDouble(), b[2].GetDouble(), b[1].GetDouble(), b[3].GetDouble())).ToList();
            _cache.Invalidate(root.GetProperty("layer").GetString()!, boxes, announce: false);
            Received++;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            _logger.LogWarning("a tile invalidation notice could not be read: {Payload}", payload.Length > 200 ? payload[..200] : payload);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _channel.ListenAsync(Receive, () => _listening.TrySetResult(), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database went away; listen again once it may be back. An exception leaving a
                // background service would stop the host.
                _logger.LogDebug(e, "not listening for tile invalidations; retrying");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public override void Dispose()
    {
        _cache.Invalidated -= Announce;
        base.Dispose();
    }
}
