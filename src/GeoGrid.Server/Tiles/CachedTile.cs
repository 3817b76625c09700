using System.IO.Compression;

namespace GeoGrid.Server.Tiles;

/// <summary>
/// A rendered tile and the ETag of its bytes; its gzip form is made once, on the first request that
/// accepts it, and kept with it, so a cached tile is never compressed twice.
/// </summary>
public sealed record CachedTile(byte[] Body)
{
    private byte[]? _gzip;

    public string ETag { get; } = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Body).AsSpan(0, 12))}\"";

    /// <summary>The ETag of the gzip form: another representation, so another tag.</summary>
    public string GzipETag => ETag[..^1] + "-gz\"";

    public byte[] Gzip => _gzip ??= Compress(Body);

    /// <summary>When the memory tier last served or kept it (<see cref="Environment.TickCount64"/>), so
    /// tiles nobody asks for can leave memory.</summary>
    internal long LastUsed { get; set; } = Environment.TickCount64;

    private static byte[] Compress(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }
}
