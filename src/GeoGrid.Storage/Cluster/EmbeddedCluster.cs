using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace GeoGrid.Storage.Cluster;

/// <summary>
/// A PostgreSQL + PostGIS cluster that GeoGrid creates and runs itself in a folder of its own with
/// initdb and pg_ctl: loopback only, password authentication, no system service touched. PostgreSQL
/// refuses to run as root, so as root the cluster belongs to the Debian <c>postgres</c> user.
/// </summary>
public sealed class EmbeddedCluster
{
    private const string Database = "geogrid";
    private const string User = "geogrid";
    private readonly string _folder;
    private readonly bool _throwaway;

    /// <param name="folder">Where the cluster lives: data directory, log, settings.</param>
    /// <param name="throwaway">A test cluster: no fsync, since it is deleted afterwards.</param>
    public EmbeddedCluster(string folder, bool throwaway = false)
    {
        _folder = ReachableFolder(Path.GetFullPath(folder));
        _throwaway = throwaway;
    }

    /// <summary>The folder the cluster really lives in. As root the server runs as <c>postgres</c>, which
    /// cannot enter a clone under a private folder such as /root; the cluster then lives under
    /// /var/lib/postgresql/geogrid/ instead, in a folder named after the requested one.</summary>
    public string Folder => _folder;

    public string DataDirectory => Path.Combine(_folder, "data");

    public string LogFile => Path.Combine(_folder, "postgresql.log");

    private string SettingsFile => Path.Combine(_folder, "cluster.json");

    public bool Exists => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    public ClusterSettings? Settings => File.Exists(SettingsFile) ? JsonSerializer.Deserialize<ClusterSettings>(File.ReadAllText(SettingsFile)) : null;

    public string ConnectionString
    {
        get
        {
            var s = Settings ?? throw new InvalidOperationException($"No cluster in {_folder}; run `geogrid db start`.");
            return new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = s.Port, Username = User, Password = s.Password, Database = Database,
            }.ConnectionString;
        }
    }

    public static string BinDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("GEOGRID_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).ToList()
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install postgresql-15-postgis-3 (./geogrid up does) or set GEOGRID_PG_BIN.");
    }

    /// <summary>Creates the cluster if needed, starts it if stopped, and makes sure the database and
    /// PostGIS exist. Safe to call when everything is already running.</summary>
    public async Task StartAsync(int? port = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_folder);
        if (!Exists)
        {
            await InitAsync(port ?? FreePort(), cancellationToken).ConfigureAwait(false);
        }
        else if (port is { } p && Settings is { } existing && existing.Port != p)
        {
            await SaveSettingsAsync(existing with { Port = p }, cancellationToken).ConfigureAwait(false);
        }

        if (!IsRunning())
        {
            var s = Settings!;
            var options = $"-c port={s.Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" + (_throwaway ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : string.Empty);
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"], cancellationToken).ConfigureAwait(false);
        }

        await EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes a streaming replica of this running cluster in <paramref name="folder"/> (PostgreSQL's own
    /// replication: <c>pg_basebackup -R</c> copies the cluster and writes how to follow it) and starts it
    /// on <paramref name="port"/> (default: a free one), read-only, replaying this cluster's WAL as it
    /// comes. An existing replica in the folder is only started.
    /// </summary>
    public async Task<EmbeddedCluster> AddReplicaAsync(string folder, int? port = null, CancellationToken cancellationToken = default)
    {
        var primary = Settings ?? throw new InvalidOperationException($"No cluster in {_folder}; run `geogrid db start`.");
        var replica = new EmbeddedCluster(folder, _throwaway);
        if (!replica.Exists)
        {
            Directory.CreateDirectory(replica._folder);
            GiveToServerUser(replica._folder);
            var source = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = null };
            var conninfo = $"host={source.Host} port={source.Port} user={source.Username} password={source.Password}";
            await RunAsync("pg_basebackup", ["-D", replica.DataDirectory, "-d", conninfo, "-R", "-X", "stream", "-c", "fast"], cancellationToken).ConfigureAwait(false);
            await replica.SaveSettingsAsync(new ClusterSettings(port ?? FreePort(), primary.Password), cancellationToken).ConfigureAwait(false);
        }

        await replica.StartAsync(port, cancellationToken).ConfigureAwait(false);
        return replica;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Exists && IsRunning())
        {
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-w", "-t", "60", "-m", "fast", "stop"], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the cluster and deletes it with all its data.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public bool IsRunning()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return false;
        }

        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (!int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task InitAsync(int port, CancellationToken cancellationToken)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var pwFile = Path.Combine(_folder, "initdb.pw");
        await File.WriteAllTextAsync(pwFile, password, cancellationToken).ConfigureAwait(false);
        GiveToServerUser(_folder);
        try
        {
            await RunAsync("initdb", ["-D", DataDirectory, "-U", User, "--pwfile", pwFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(pwFile);
        }

        await SaveSettingsAsync(new ClusterSettings(port, password), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the port and password, readable by this user only (the password is in it).</summary>
    private async Task SaveSettingsAsync(ClusterSettings settings, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(SettingsFile, JsonSerializer.Serialize(settings), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(SettingsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = Database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database} TEMPLATE template0 ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string ReachableFolder(string folder)
    {
        if (!IsRoot)
        {
            return folder;
        }

        var existing = new DirectoryInfo(folder);
        while (existing is not null && !existing.Exists)
        {
            existing = existing.Parent;
        }

        if (existing is null || RunProcess("runuser", ["-u", "postgres", "--", "test", "-x", existing.FullName]).ExitCode == 0)
        {
            return folder;
        }

        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(folder)))[..16].ToLowerInvariant();
        return Path.Combine("/var/lib/postgresql/geogrid", hash);
    }

    private static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static void GiveToServerUser(string folder)
    {
        if (IsRoot)
        {
            RunProcess("chown", ["-R", "postgres:postgres", folder]).EnsureSuccess("chown");
        }
    }

    private static async Task RunAsync(string tool, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var path = Path.Combine(BinDirectory(), tool);
        var result = await Task.Run(() => IsRoot ? RunProcess("runuser", ["-u", "postgres", "--", path, .. args]) : RunProcess(path, args), cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess(tool);
    }

    private static ProcessResult RunProcess(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // pg_ctl start leaves the postmaster running with our pipes open; reading to the end would
        // then wait for the server to exit. Read asynchronously and stop at process exit.
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => stdout.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private sealed record ProcessResult(int ExitCode, string Output, string Error)
    {
        public void EnsureSuccess(string what)
        {
            if (ExitCode != 0)
            {
                throw new InvalidOperationException($"{what} failed with exit code {ExitCode}: {Error.Trim()} {Output.Trim()}".Trim());
            }
        }
    }
}
