using GeoGrid.Core.Domain;
using Npgsql;

namespace GeoGrid.Storage;

/// <summary>The one <see cref="NpgsqlDataSource"/> of an app: NetTopologySuite geometries and the
/// domain enumerations mapped to their PostgreSQL types.</summary>
public static class GeoGridDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        // Keep the password in ConnectionString: the CLI hands it on to the server it starts.
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { PersistSecurityInfo = true }.ConnectionString);
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
