namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>ArcGIS's emerging hot spot categories (hot and cold), decided per bin from its Gi* series.</summary>
public enum EmergingCategory
{
    NoPattern,
    NewHot,
    ConsecutiveHot,
    IntensifyingHot,
    PersistentHot,
    DiminishingHot,
    SporadicHot,
    OscillatingHot,
    HistoricalHot,
    NewCold,
    ConsecutiveCold,
    IntensifyingCold,
    PersistentCold,
    DiminishingCold,
    SporadicCold,
    OscillatingCold,
    HistoricalCold,
}
