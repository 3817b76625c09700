using System.Text;

namespace GeoGrid.Core.Domain;

/// <summary>
/// The two names of every domain enumeration value: the snake_case key used in the database, the API
/// and files (<c>occupation</c>), and the zh-CN label people read (乱占). Parsing accepts either.
/// </summary>
public static class DomainLabels
{
    private static readonly Dictionary<Enum, string> s_zh = new()
    {
        [AdminLevel.District] = "区县", [AdminLevel.Town] = "乡镇街道", [AdminLevel.Village] = "村社区",
        [WorkerRole.GridHead] = "网格长", [WorkerRole.GridWorker] = "网格员",
        [ChiefLevel.City] = "市级路长", [ChiefLevel.District] = "区级路长", [ChiefLevel.Street] = "街道级路长",
        [FloodplainZoneKind.Nentan] = "嫩滩", [FloodplainZoneKind.Ertan] = "二滩", [FloodplainZoneKind.Gaotan] = "高滩",
        [SiteCategory.Occupation] = "乱占", [SiteCategory.Mining] = "乱采", [SiteCategory.Dumping] = "乱堆", [SiteCategory.Building] = "乱建",
        [SiteStatus.Found] = "发现", [SiteStatus.Verified] = "核实", [SiteStatus.Assigned] = "交办", [SiteStatus.Demolished] = "拆除", [SiteStatus.Cleared] = "清理", [SiteStatus.Accepted] = "验收", [SiteStatus.Rejected] = "不予立案", [SiteStatus.Duplicate] = "重复",
        [ReportCategory.Sanitation] = "环境卫生", [ReportCategory.CityOrder] = "市容秩序", [ReportCategory.RoadFacility] = "道路设施", [ReportCategory.Floodplain] = "滩区四乱", [ReportCategory.Safety] = "安全隐患", [ReportCategory.Dispute] = "矛盾纠纷", [ReportCategory.Other] = "其他",
        [ReportStatus.Submitted] = "已上报", [ReportStatus.Routed] = "已分派", [ReportStatus.InProgress] = "处置中", [ReportStatus.Closed] = "已办结", [ReportStatus.Withdrawn] = "已撤回",
        [Coverage.CoverageProblemKind.Gap] = "缝隙（横向未到边）", [Coverage.CoverageProblemKind.Overlap] = "重叠", [Coverage.CoverageProblemKind.OutsideParent] = "超出上级",
        [Coverage.CoverageProblemKind.Sliver] = "碎片网格", [Coverage.CoverageProblemKind.InvalidGeometry] = "几何无效", [Coverage.CoverageProblemKind.MultiPart] = "多块分离",
        [Coverage.CoverageProblemKind.NoWorker] = "无网格员（纵向未到底）",
        [Access.Role.Public] = "公众", [Access.Role.GridWorker] = "网格员", [Access.Role.Inspector] = "巡查员", [Access.Role.Planner] = "规划员", [Access.Role.Analyst] = "分析员", [Access.Role.Admin] = "管理员",
    };

    // Words people use for a 随手拍 category besides its label, so "垃圾" files a sanitation report.
    // 乱堆 alone is the street's 乱堆乱放 (市容秩序); in the floodplain it is named with 河道 or 滩区.
    private static readonly Dictionary<Enum, string[]> s_synonyms = new()
    {
        [ReportCategory.Sanitation] = ["垃圾", "环卫", "卫生", "垃圾堆积", "暴露垃圾", "污水", "保洁"],
        [ReportCategory.CityOrder] = ["乱堆", "乱堆乱放", "乱摆", "乱摆摊", "占道", "占道经营", "违停", "小广告", "市容"],
        [ReportCategory.RoadFacility] = ["道路", "井盖", "路灯", "坑洼", "护栏", "破损"],
        [ReportCategory.Floodplain] = ["四乱", "滩区", "河道", "河道乱堆", "滩区乱堆", "乱占", "乱采", "乱建", "黄河滩区"],
        [ReportCategory.Safety] = ["隐患", "安全", "消防", "火灾隐患"],
        [ReportCategory.Dispute] = ["纠纷", "矛盾", "邻里纠纷"],
        [ReportCategory.Other] = ["其它"],
    };

    /// <summary>The other words a value is known by (a report category's colloquial names), besides its key and label.</summary>
    public static IReadOnlyList<string> Synonyms(Enum value) => s_synonyms.TryGetValue(value, out var words) ? words : [];

    public static string Zh(Enum value) => s_zh.TryGetValue(value, out var label) ? label : value.ToString();

    /// <summary>Every labelled value, by its enumeration's key (<c>site_status</c>) and its own key: what a client shows for a key.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All() =>
        s_zh.GroupBy(kv => Key(kv.Key.GetType().Name))
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)g.ToDictionary(kv => Key(kv.Key), kv => kv.Value));

    /// <summary>snake_case of the member name, which is also how Npgsql names PostgreSQL enum labels.</summary>
    public static string Key(Enum value) => Key(value.ToString());

    public static string Key(string memberName)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < memberName.Length; i++)
        {
            if (char.IsUpper(memberName[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(memberName[i]));
        }

        return sb.ToString();
    }

    public static Enum? Parse(Type enumType, string text)
    {
        foreach (Enum value in Enum.GetValues(enumType))
        {
            if (Key(value) == text.Trim().ToLowerInvariant() || Zh(value) == text.Trim() || value.ToString().Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        foreach (Enum value in Enum.GetValues(enumType))
        {
            if (Synonyms(value).Contains(text.Trim()))
            {
                return value;
            }
        }

        return null;
    }

    public static T? Parse<T>(string text)
        where T : struct, Enum => Parse(typeof(T), text) is T t ? t : null;
}
