namespace GeoGrid.Core.Access;

/// <summary>
/// Who makes a change: a signed-in user (or API key's owner) with a role and the administrative areas
/// they are limited to (codes; <see langword="null"/> means everywhere), or a process such as the CLI
/// import. <see cref="Name"/> is what the audit log records.
/// </summary>
public sealed record Actor(string Name, Role Role, IReadOnlyList<string>? Areas, bool IsUser = true)
{
    /// <summary>The CLI, run by whoever has the database: everywhere, as an admin.</summary>
    public static Actor Cli(string what) => new(what, Role.Admin, null, IsUser: false);

    /// <summary>An anonymous citizen filing a 随手拍 report (from <paramref name="client"/>, for the audit).</summary>
    public static Actor Anonymous(string client) => new($"public {client}", Role.Public, null, IsUser: false);

    /// <summary>Whether an administrative area code lies within this actor's areas (an area is inside when its code starts with one of them).</summary>
    public bool Covers(string areaCode) => Areas is null || Areas.Any(a => areaCode.StartsWith(a, StringComparison.Ordinal));

    /// <summary>Whether this role may see workers' and chiefs' phone numbers whole.</summary>
    public bool SeesPhones => Role is Role.GridWorker or Role.Inspector or Role.Planner or Role.Admin;
}
