namespace GeoGrid.Core.Domain;

/// <summary>Category of a 随手拍 report.</summary>
public enum ReportCategory
{
    /// <summary>环境卫生</summary>
    Sanitation,

    /// <summary>市容秩序</summary>
    CityOrder,

    /// <summary>道路设施</summary>
    RoadFacility,

    /// <summary>黄河滩区四乱</summary>
    Floodplain,

    /// <summary>安全隐患</summary>
    Safety,

    /// <summary>矛盾纠纷</summary>
    Dispute,

    /// <summary>其他</summary>
    Other,
}
