using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;
using GeoGrid.Server.Access;
using GeoGrid.Storage.Access;
using Npgsql;
using Spectre.Console;

namespace GeoGrid.Cli.Setup;

/// <summary>
/// One demo user per role, made the first time GeoGrid runs on a database without users. Their
/// passwords are generated and printed then, once: they are stored only as hashes (lost ones are set
/// again with <c>geogrid user password NAME</c>). The inspector and planner work in 惠济区 and the grid
/// worker in 荥阳市高村乡, so the area limits can be tried at once.
/// </summary>
public static class DemoUsers
{
    private static readonly (string Name, string Display, Role Role, string[]? Areas)[] s_users =
    [
        ("citizen", "市民张三", Role.Public, null),
        ("gridworker", "高村乡网格员", Role.GridWorker, ["410182201"]),
        ("inspector", "惠济区巡查员", Role.Inspector, ["410108"]),
        ("planner", "惠济区规划员", Role.Planner, ["410108"]),
        ("analyst", "市级分析员", Role.Analyst, null),
        ("admin", "系统管理员", Role.Admin, null),
    ];

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var store = new UserStore(dataSource);
        if ((await store.ListAsync(ct).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        var table = new Table().AddColumns("user", "password", "role", "areas");
        foreach (var (name, display, role, areas) in s_users)
        {
            var password = Passwords.Generate();
            await store.AddAsync(name, display, role, Passwords.Hash(password), areas, ct).ConfigureAwait(false);
            table.AddRow(name, password, $"{DomainLabels.Key(role)} ({DomainLabels.Zh(role)})", areas is null ? "everywhere" : string.Join(", ", areas));
        }

        Database.Line("demo users", "one per role; the passwords are shown this once (reset: ./geogrid user password NAME)");
        AnsiConsole.Write(table);
    }
}
