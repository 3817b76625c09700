namespace GeoGrid.Server.Tiles;

/// <summary>A rendered tile and the ETag of its bytes.</summary>
public sealed record CachedTile(byte[] Body)
{
    public string ETag { get; } = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Body).AsSpan(0, 12))}\"";
}
