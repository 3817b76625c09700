using GeoGrid.Core.Domain;

namespace GeoGrid.Core.Demo;

/// <summary>Everything the demo loads, geometries in the storage CRS (EPSG:4490).</summary>
public sealed record DemoDataset(
    IReadOnlyList<AdminArea> AdminAreas,
    IReadOnlyList<Grid> Grids,
    IReadOnlyList<GridWorker> Workers,
    River River,
    IReadOnlyList<FloodplainZone> Zones,
    IReadOnlyList<RoadChief> Chiefs,
    IReadOnlyList<RoadSegment> Segments,
    IReadOnlyList<DutyUnit> DutyUnits,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<Report> Reports);
