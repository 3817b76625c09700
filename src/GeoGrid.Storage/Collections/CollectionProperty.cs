namespace GeoGrid.Storage.Collections;

/// <summary>A property of a collection: its name in the output, the SQL expression that computes it
/// (over table alias <c>t</c>), and its JSON Schema type for the queryables.</summary>
public sealed record CollectionProperty(string Name, string Expression, string Type = "string");
