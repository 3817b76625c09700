namespace GeoGrid.Core.Analysis.Hotspots;

/// <summary>
/// Confidence bins as ArcGIS names them (Gi_Bin): +3/+2/+1 hot spot at 99/95/90 %, −3/−2/−1 the cold
/// counterparts, 0 not significant.
/// </summary>
public static class HotspotBins
{
    public static int Of(double z, double p) => double.IsNaN(z) || double.IsNaN(p) ? 0 : Math.Sign(z) * Level(p);

    public static string Key(int bin) => bin switch
    {
        > 0 => $"hot_{Confidence(bin)}",
        < 0 => $"cold_{Confidence(bin)}",
        _ => "not_significant",
    };

    public static string Label(int bin) => bin switch
    {
        > 0 => $"热点（{Confidence(bin)}%置信）",
        < 0 => $"冷点（{Confidence(bin)}%置信）",
        _ => "不显著",
    };

    private static int Level(double p) => p <= 0.01 ? 3 : p <= 0.05 ? 2 : p <= 0.10 ? 1 : 0;

    private static int Confidence(int bin) => Math.Abs(bin) switch { 3 => 99, 2 => 95, _ => 90 };
}
