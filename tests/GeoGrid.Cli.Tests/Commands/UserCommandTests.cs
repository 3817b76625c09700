using GeoGrid.Core.Access;
using GeoGrid.Server.Access;
using GeoGrid.Storage.Access;
using GeoGrid.Testing;

namespace GeoGrid.Cli.Tests.Commands;

[Collection(PostGisCollection.Name)]
public sealed class UserCommandTests(PostGisFixture db)
{
    [Fact]
    public async Task A_user_is_added_with_a_hashed_password_listed_disabled_and_enabled_again()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "user", "add", name, "--role", "inspector", "--area", "410108", "--display-name", "惠济巡查");
        Assert.True(code == 0, errors);
        var store = new UserStore(db.DataSource);
        var user = await store.FindAsync(name);
        Assert.NotNull(user);
        Assert.Equal(Role.Inspector, user.Role);
        Assert.Equal(["410108"], user.Areas);
        Assert.Equal("惠济巡查", user.DisplayName);
        // The standard hasher's format (version byte 0x01, PBKDF2), never the password itself.
        Assert.Equal(0x01, Convert.FromBase64String(user.PasswordHash!)[0]);

        Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "user", "list")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "user", "disable", name)).ExitCode);
        Assert.True((await store.FindAsync(name))!.Disabled);
        Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "user", "enable", name)).ExitCode);
        Assert.False((await store.FindAsync(name))!.Disabled);

        Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "user", "key", name, "--label", "巡查终端")).ExitCode);
        Assert.Equal(1, (await store.FindAsync(name))!.ApiKeys);
    }

    [Fact]
    public async Task A_bad_role_an_unknown_area_a_taken_name_and_an_unknown_user_are_refused_by_name()
    {
        var (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "user", "add", "cli-x1", "--role", "mayor");
        Assert.Equal(1, code);
        Assert.Contains("--role", errors);

        (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "user", "add", "cli-x2", "--role", "planner", "--area", "419999");
        Assert.Equal(1, code);
        Assert.Contains("419999", errors);
        Assert.Null(await new UserStore(db.DataSource).FindAsync("cli-x2"));

        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "user", "add", name, "--role", "analyst")).ExitCode);
        (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "user", "add", name, "--role", "analyst");
        Assert.Equal(1, code);
        Assert.Contains("exists already", errors);

        (code, errors) = await CliRunner.RunAsync(db.ConnectionString, "user", "disable", "nobody-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(1, code);
        Assert.Contains("no user named", errors);
    }

    [Fact]
    public void Generated_passwords_verify_and_wrong_ones_do_not()
    {
        var password = Passwords.Generate();
        var hash = Passwords.Hash(password);
        Assert.True(Passwords.Verify(hash, password));
        Assert.False(Passwords.Verify(hash, password + "x"));
        Assert.NotEqual(hash, Passwords.Hash(password));
    }
}
