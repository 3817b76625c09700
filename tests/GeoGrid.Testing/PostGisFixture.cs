using GeoGrid.Core.Demo;
using GeoGrid.Formats;
using GeoGrid.Storage;
using GeoGrid.Storage.Cluster;
using GeoGrid.Storage.Demo;
using GeoGrid.Storage.Schema;
using Npgsql;

namespace GeoGrid.Testing;

/// <summary>
/// A throw-away PostGIS cluster in a temporary folder, migrated and loaded with the Zhengzhou demo,
/// shared by the database tests of one test assembly and deleted afterwards. It fails loudly when
/// PostGIS cannot be had: a database test never skips.
/// </summary>
public sealed class PostGisFixture : IAsyncLifetime
{
    private readonly EmbeddedCluster _cluster = new(Path.Combine(Path.GetTempPath(), "geogrid-test-" + Guid.NewGuid().ToString("N")[..12]), throwaway: true);
    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("fixture not initialised");

    public string ConnectionString => _cluster.ConnectionString;

    public DemoDataset Demo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _cluster.StartAsync().ConfigureAwait(false);
        _dataSource = GeoGridDataSource.Create(_cluster.ConnectionString);
        await Migrator.MigrateAsync(_dataSource).ConfigureAwait(false);
        Demo = ZhengzhouDemo.Build(DemoSourceReader.Read(RepoPaths.Data));
        await DemoLoader.LoadAsync(_dataSource, Demo, ZhengzhouDemo.DefaultSeed).ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        NpgsqlConnection.ClearAllPools();
        await _cluster.DeleteAsync().ConfigureAwait(false);
    }

    /// <summary>A streaming replica of this cluster in <paramref name="folder"/>, started; the caller deletes it.</summary>
    public Task<EmbeddedCluster> AddReplicaAsync(string folder) => _cluster.AddReplicaAsync(folder);

    /// <summary>A new, empty, migrated database in the same cluster, for tests that write.</summary>
    public async Task<NpgsqlDataSource> CreateEmptyDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var cmd = DataSource.CreateCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'"))
        {
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var dataSource = GeoGridDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString);
        await Migrator.MigrateAsync(dataSource).ConfigureAwait(false);
        return dataSource;
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        var value = await cmd.ExecuteScalarAsync().ConfigureAwait(false);
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
