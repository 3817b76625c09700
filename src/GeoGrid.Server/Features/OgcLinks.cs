namespace GeoGrid.Server.Features;

/// <summary>A link of an OGC API response.</summary>
public sealed record OgcLink(string Href, string Rel, string Type, string? Title = null);
