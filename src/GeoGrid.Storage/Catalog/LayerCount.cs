namespace GeoGrid.Storage.Catalog;

/// <summary>A served layer with its zh-CN title and how many features it holds.</summary>
public sealed record LayerCount(string Id, string Title, long Features);
