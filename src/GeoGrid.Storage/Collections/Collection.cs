namespace GeoGrid.Storage.Collections;

/// <summary>
/// A served feature collection: which table, which rows (a fixed condition from this catalog, never
/// from a request), which column identifies a feature, and the properties, each an SQL expression over
/// the table alias <c>t</c>. Everything here is code, so no request text becomes an identifier.
/// </summary>
public sealed record Collection(string Id, string Title, string Description, string Table, string? Where, string IdColumn, IReadOnlyList<CollectionProperty> Properties, string? Temporal = null, string? AsOf = null);
