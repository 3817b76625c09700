namespace GeoGrid.Core.Demo;

/// <summary>Short display names for the committee names the official lists carry
/// ("南王村村民委员会" → "南王村", "多福巷社区居委会" → "多福巷社区").</summary>
public static class AdminNames
{
    private static readonly (string Suffix, string Replacement)[] s_rules =
    [
        ("村村民委员会", "村"), ("村民委员会", "村"), ("村村委会", "村"), ("村委会", "村"),
        ("社区居民委员会", "社区"), ("社区居委会", "社区"), ("居民委员会", "社区"), ("居委会", "社区"),
    ];

    public static string Short(string name)
    {
        foreach (var (suffix, replacement) in s_rules)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length] + replacement;
            }
        }

        return name;
    }

    public static bool IsCommunity(string name) => name.Contains("社区") || name.Contains("居委") || name.Contains("居民委员会");
}
