namespace GeoGrid.Storage.Collections.Cql;

/// <summary>A filter GeoGrid cannot parse or apply; the message says where and why.</summary>
public sealed class CqlException(string message) : Exception(message);
