namespace GeoGrid.Core.Domain;

/// <summary>Level of an administrative area: 区/县/市, 乡/镇/街道, 村/社区.</summary>
public enum AdminLevel
{
    /// <summary>区/县/市</summary>
    District,

    /// <summary>乡/镇/街道</summary>
    Town,

    /// <summary>村/社区</summary>
    Village,
}
