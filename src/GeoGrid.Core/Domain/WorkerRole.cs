namespace GeoGrid.Core.Domain;

/// <summary>Role of a person assigned to a grid.</summary>
public enum WorkerRole
{
    /// <summary>网格长</summary>
    GridHead,

    /// <summary>网格员</summary>
    GridWorker,
}
