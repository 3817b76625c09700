namespace GeoGrid.Core.Domain;

/// <summary>Lifecycle of a 四乱 site; a site is closed only when demolished and cleared (凡拆必清、立拆立清) and then accepted.</summary>
public enum SiteStatus
{
    /// <summary>发现</summary>
    Found,

    /// <summary>核实</summary>
    Verified,

    /// <summary>交办</summary>
    Assigned,

    /// <summary>拆除</summary>
    Demolished,

    /// <summary>清理</summary>
    Cleared,

    /// <summary>验收</summary>
    Accepted,

    /// <summary>不予立案: found by mistake, nothing to do.</summary>
    Rejected,

    /// <summary>重复: the same site was found before; linked to it.</summary>
    Duplicate,
}
