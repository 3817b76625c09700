
namespace GeoGrid.Core.Domain;

/// <summary>A person assigned to a grid: 网格长 or 网格员, with a phone number (masked on the way out for roles not entitled to it).</summary>
public sealed record GridWorker(string GridCode, string Name, WorkerRole Role, string Phone);
