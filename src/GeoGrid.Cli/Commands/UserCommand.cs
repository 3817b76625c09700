using System.CommandLine;
using GeoGrid.Cli.Setup;
using GeoGrid.Core.Access;
using GeoGrid.Core.Domain;
using GeoGrid.Server.Access;
using GeoGrid.Storage.Access;
using Npgsql;
using Spectre.Console;

namespace GeoGrid.Cli.Commands;

/// <summary>
/// <c>geogrid user add|list|disable|enable|password|key</c>: people and machines that may sign in. A
/// password is generated unless given (GEOGRID_PASSWORD, so it stays out of the shell history) and
/// shown once; an API key is shown once and kept only as its hash.
/// </summary>
public static class UserCommand
{
    public static Command Create()
    {
        var command = new Command("user", "Manage the users who may sign in, and API keys for machines");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Toggle("disable", "Stop a user from signing in (their tokens and keys stop working at once)", true));
        command.Subcommands.Add(Toggle("enable", "Let a disabled user sign in again", false));
        command.Subcommands.Add(Password());
        command.Subcommands.Add(Key());
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "sign-in name: 2–64 letters, digits, _ . @ -" };
        var role = new Option<string>("--role") { Description = $"one of {string.Join(", ", Enum.GetValues<Role>().Select(r => DomainLabels.Key(r)))}", Required = true };
        var area = new Option<string[]>("--area") { Description = "administrative area code the user is limited to (repeat for more; none: everywhere)", AllowMultipleArgumentsPerToken = true };
        var display = new Option<string?>("--display-name") { Description = "the name people read (default: the sign-in name)" };
        var command = new Command("add", "Add a user; prints the generated password once") { name, role, area, display };
        command.SetAction(async (parse, ct) =>
        {
            if (DomainLabels.Parse<Role>(parse.GetValue(role)!) is not { } r)
            {
                return Fail($"--role: unknown role '{parse.GetValue(role)}'; use one of {string.Join(", ", Enum.GetValues<Role>().Select(x => DomainLabels.Key(x)))}");
            }

            var given = Environment.GetEnvironmentVariable("GEOGRID_PASSWORD");
            if (given is { Length: < Passwords.MinimumLength })
            {
                return Fail($"GEOGRID_PASSWORD: a password has at least {Passwords.MinimumLength} characters");
            }

            var password = given ?? Passwords.Generate();
            var areas = parse.GetValue(area) is { Length: > 0 } a ? a : null;
            await using var ds = await Database.OpenAsync(new Workspace(), null, ct).ConfigureAwait(false);
            try
            {
                await new UserStore(ds).AddAsync(parse.GetValue(name)!, parse.GetValue(display) ?? parse.GetValue(name)!, r, Passwords.Hash(password), areas, ct).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                return Fail("--area: " + e.Message);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation)
            {
                return Fail(e.SqlState == PostgresErrorCodes.UniqueViolation ? $"a user named {parse.GetValue(name)} exists already" : "name: 2–64 letters, digits, _ . @ -; display name: 1–100 characters");
            }

            Database.Line("user", $"{parse.GetValue(name)} added as {DomainLabels.Key(r)} ({DomainLabels.Zh(r)}), {(areas is null ? "everywhere" : "limited to " + string.Join(", ", areas))}");
            if (given is null)
            {
                Database.Line("password", password + "   (shown once)");
            }

            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the users, their roles, areas and state");
        command.SetAction(async (_, ct) =>
        {
            await using var ds = await Database.OpenAsync(new Workspace(), null, ct).ConfigureAwait(false);
            var table = new Table().AddColumns("user", "name", "role", "areas", "API keys", "state");
            foreach (var u in await new UserStore(ds).ListAsync(ct).ConfigureAwait(false))
            {
                table.AddRow(Markup.Escape(u.Name), Markup.Escape(u.DisplayName), $"{DomainLabels.Key(u.Role)} ({DomainLabels.Zh(u.Role)})",
                    u.Areas is null ? "everywhere" : string.Join(", ", u.Areas), u.ApiKeys.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    u.Disabled ? $"disabled {u.DisabledAt:yyyy-MM-dd HH:mm}" : "active");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Toggle(string verb, string description, bool disable)
    {
        var name = new Argument<string>("name");
        var command = new Command(verb, description) { name };
        command.SetAction(async (parse, ct) =>
        {
            await using var ds = await Database.OpenAsync(new Workspace(), null, ct).ConfigureAwait(false);
            if (!await new UserStore(ds).SetDisabledAsync(parse.GetValue(name)!, disable, ct).ConfigureAwait(false))
            {
                return Fail($"no user named {parse.GetValue(name)}");
            }

            Database.Line("user", $"{parse.GetValue(name)} {verb}d");
            return 0;
        });
        return command;
    }

    private static Command Password()
    {
        var name = new Argument<string>("name");
        var command = new Command("password", "Set a new password (GEOGRID_PASSWORD, or a generated one shown once)") { name };
        command.SetAction(async (parse, ct) =>
        {
            var given = Environment.GetEnvironmentVariable("GEOGRID_PASSWORD");
            if (given is { Length: < Passwords.MinimumLength })
            {
                return Fail($"GEOGRID_PASSWORD: a password has at least {Passwords.MinimumLength} characters");
            }

            var password = given ?? Passwords.Generate();
            await using var ds = await Database.OpenAsync(new Workspace(), null, ct).ConfigureAwait(false);
            if (!await new UserStore(ds).SetPasswordHashAsync(parse.GetValue(name)!, Passwords.Hash(password), ct).ConfigureAwait(false))
            {
                return Fail($"no user named {parse.GetValue(name)}");
            }

            Database.Line("password", given is null ? password + "   (shown once)" : "set");
            return 0;
        });
        return command;
    }

    private static Command Key()
    {
        var name = new Argument<string>("name");
        var label = new Option<string>("--label") { Description = "what the key is for", DefaultValueFactory = _ => "" };
        var command = new Command("key", "Make an API key for a user (for machines: X-API-Key header or api_key parameter); shown once") { name, label };
        command.SetAction(async (parse, ct) =>
        {
            await using var ds = await Database.OpenAsync(new Workspace(), null, ct).ConfigureAwait(false);
            if (await new UserStore(ds).AddApiKeyAsync(parse.GetValue(name)!, parse.GetValue(label)!, ct).ConfigureAwait(false) is not { } key)
            {
                return Fail($"no user named {parse.GetValue(name)}");
            }

            Database.Line("API key", key + "   (shown once)");
            return 0;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("geogrid user: " + message);
        return 1;
    }
}
