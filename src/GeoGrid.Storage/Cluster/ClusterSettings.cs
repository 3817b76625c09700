namespace GeoGrid.Storage.Cluster;

/// <summary>What GeoGrid remembers about a cluster it created: its port and generated password.</summary>
public sealed record ClusterSettings(int Port, string Password);
