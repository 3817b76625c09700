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
        [SiteStatus.Found] = "发现", [SiteStatus.Verified] = "核实", [SiteStatus.Assigned] = "交办", [SiteStatus.Demolished] = "拆除", [SiteStatus.Cleared] = "清理", [SiteStatus.Accepted] = "验收",
        [ReportCategory.Sanitation] = "环境卫生", [ReportCategory.CityOrder] = "市容秩序", [ReportCategory.RoadFacility] = "道路设施", [ReportCategory.Floodplain] = "滩区四乱", [ReportCategory.Safety] = "安全隐患", [ReportCategory.Dispute] = "矛盾纠纷", [ReportCategory.Other] = "其他",
        [ReportStatus.Submitted] = "已上报", [ReportStatus.Routed] = "已分派", [ReportStatus.InProgress] = "处置中", [ReportStatus.Closed] = "已办结",
    };

    public static string Zh(Enum value) => s_zh.TryGetValue(value, out var label) ? label : value.ToString();

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

        return null;
    }

    public static T? Parse<T>(string text)
        where T : struct, Enum => Parse(typeof(T), text) is T t ? t : null;
}
