using GeoGrid.Storage.Schema;
using GeoGrid.Testing;
using Npgsql;

namespace GeoGrid.Storage.Tests.Schema;

[Collection(PostGisCollection.Name)]
public sealed class SchemaTests(PostGisFixture db)
{
    [Fact]
    public async Task Migrations_are_recorded_and_not_applied_twice()
    {
        Assert.Equal(SqlFiles.List("Migrations/").Count, await db.ScalarAsync<int>("SELECT max(version) FROM schema_version"));
        Assert.Empty(await Migrator.MigrateAsync(db.DataSource));
    }

    /// <summary>
    /// A foreign key without an index under it makes every delete of a referenced row scan the
    /// referencing table: removing an import of 146,000 reports ran for over six minutes that way.
    /// </summary>
    [Fact]
    public async Task Every_foreign_key_leads_an_index()
    {
        Assert.Equal(string.Empty, await db.ScalarAsync<string>("""
            SELECT coalesce(string_agg(c.conrelid::regclass || '.' || a.attname, ', '), '')
              FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
            """));
    }

    [Theory]
    [InlineData("SRID=4490;POLYGON((113.6 34.9, 113.7 35.0, 113.7 34.9, 113.6 35.0, 113.6 34.9))", "check constraint")]
    [InlineData("SRID=4326;POINT(113.6 34.9)", "SRID")]
    [InlineData("SRID=4490;LINESTRING(113.6 34.9, 113.7 34.9)", "check constraint")]
    public async Task The_database_refuses_invalid_geometry_wrong_srid_and_wrong_type(string ewkt, string reason)
    {
        await using var cmd = db.DataSource.CreateCommand("INSERT INTO sites (code, category, description, geom) VALUES ('SL-BAD', 'dumping', 'x', ST_GeomFromEWKT($1))");
        cmd.Parameters.Add(new() { Value = ewkt });
        var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        Assert.Contains(reason, e.MessageText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Site_area_is_computed_geodesically_by_the_database()
    {
        var (area, geography) = (await db.ScalarAsync<double>("SELECT area_m2 FROM sites WHERE GeometryType(geom) = 'POLYGON' ORDER BY code LIMIT 1"),
            await db.ScalarAsync<double>("SELECT ST_Area(geom::geography) FROM sites WHERE GeometryType(geom) = 'POLYGON' ORDER BY code LIMIT 1"));
        Assert.True(area > 100);
        Assert.Equal(geography, area, 6);
    }

    [Fact]
    public async Task An_event_moves_its_site_through_the_lifecycle()
    {
        await using var tx = await (await db.DataSource.OpenConnectionAsync()).BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO site_events (site_id, status, at, note)
            SELECT id, 'demolished', now(), 'test' FROM sites WHERE status = 'assigned' ORDER BY code LIMIT 1
            RETURNING site_id
            """, tx.Connection, tx);
        var id = await cmd.ExecuteScalarAsync();
        Assert.NotNull(id);
        await using var check = new NpgsqlCommand("SELECT status::text FROM sites WHERE id = $1", tx.Connection, tx) { Parameters = { new() { Value = id! } } };
        Assert.Equal("demolished", await check.ExecuteScalarAsync());
        await tx.RollbackAsync();
    }
}
