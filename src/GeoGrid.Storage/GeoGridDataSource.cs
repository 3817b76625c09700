using GeoGrid.Core.Domain;
using Npgsql;

namespace GeoGrid.Storage;

/// <summary>The one <see cref="NpgsqlDataSource"/> of an app: NetTopologySuite geometries and the
/// domain enumerations mapped to their PostgreSQL types.</summary>
public static class GeoGridDataSource
{
    /// <summary>Connections one app holds at most: enough to keep two cores' worth of PostgreSQL busy
    /// several times over, far below max_connections so that tools and a second server still get in.</summary>
    public const int DefaultMaxPoolSize = 40;

    public static NpgsqlDataSource Create(string connectionString)
    {
        // Keep the password in ConnectionString: the CLI hands it on to the server it starts.
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { PersistSecurityInfo = true };
        // Npgsql's default pool (100) reaches PostgreSQL's default max_connections (100, a few reserved)
        // under a burst of writes, and PostgreSQL then refuses clients outright. A smaller pool makes a
        // burst wait its turn instead; a connection string that names a size keeps it.
        if (!new NpgsqlConnectionStringBuilder(connectionString).ContainsKey("Maximum Pool Size"))
        {
            csb.MaxPoolSize = DefaultMaxPoolSize;
        }

        // Tile and feature queries are prepared (see PreparedQuery). Their custom plans spend ~100 ms in the
        // planner folding ST_Transform of the tile envelope per layer; a generic plan is planned once per
        // connection and uses the same GiST index scans.
        // JIT off: PostGIS functions carry high cost estimates, so a query over a few thousand rows passes
        // jit_above_cost and spends about a second compiling LLVM code for work of tens of milliseconds
        // (a district plan's preview: 2.4 s with JIT, 0.3 s without; measured on this 2-core machine).
        csb.Options = string.Join(' ', new[] { csb.Options, "-c plan_cache_mode=force_generic_plan -c jit=off" }.Where(o => !string.IsNullOrEmpty(o)));
        var builder = new NpgsqlDataSourceBuilder(csb.ConnectionString);
        // XY only: NTS sequences often carry an unused (NaN) Z that typed columns would reject.
        builder.UseNetTopologySuite(handleOrdinates: NetTopologySuite.Geometries.Ordinates.XY);
        builder.MapEnum<AdminLevel>("admin_level");
        builder.MapEnum<WorkerRole>("worker_role");
        builder.MapEnum<ChiefLevel>("chief_level");
        builder.MapEnum<FloodplainZoneKind>("floodplain_zone_kind");
        builder.MapEnum<SiteCategory>("site_category");
        builder.MapEnum<SiteStatus>("site_status");
        builder.MapEnum<ReportCategory>("report_category");
        builder.MapEnum<ReportStatus>("report_status");
        return builder.Build();
    }
}
