namespace GeoGrid.Core.Domain;

/// <summary>Category of a floodplain 四乱 violation site.</summary>
public enum SiteCategory
{
    /// <summary>乱占</summary>
    Occupation,

    /// <summary>乱采</summary>
    Mining,

    /// <summary>乱堆</summary>
    Dumping,

    /// <summary>乱建</summary>
    Building,
}
