namespace GeoGrid.Core.Domain;

/// <summary>Level of a road chief (路长) under 路长制.</summary>
public enum ChiefLevel
{
    /// <summary>市级路长</summary>
    City,

    /// <summary>区级路长</summary>
    District,

    /// <summary>街道级路长</summary>
    Street,
}
