using GeoGrid.Server.Access;
using GeoGrid.Server.Analysis;
using GeoGrid.Server.Intake;
using GeoGrid.Server.Features;
using GeoGrid.Storage.Analysis;
using GeoGrid.Storage.Catalog;
using GeoGrid.Server.Health;
using GeoGrid.Server.Http;
using GeoGrid.Server.Landing;
using GeoGrid.Server.Lifecycle;
using GeoGrid.Server.Planning;
using GeoGrid.Server.Search;
using GeoGrid.Server.Raster;
using GeoGrid.Server.Styles;
using GeoGrid.Server.Tiles;
using GeoGrid.Server.Viewer;
using GeoGrid.Server.Wms;
using GeoGrid.Server.Wmts;
using GeoGrid.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GeoGrid.Server.Hosting;

/// <summary>Wires the GeoGrid web app: one data source, problem details, JSON logs, the endpoint groups.</summary>
public static class GeoGridApp
{
    /// <summary>The configuration key (or <c>GEOGRID_DB</c> environment variable) with the connection string.</summary>
    public const string ConnectionStringKey = "GeoGrid:ConnectionString";

    /// <summary>A streaming replica's connection string, for reads (see <see cref="ReadRouting"/>); unset: all on the primary.</summary>
    public const string ReadConnectionStringKey = "GeoGrid:ReadConnectionString";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Numbers that become text (SQL, XML, CSV, JSON written by hand) never take a machine's culture.
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        // A person at a terminal reads one line per event; a log collector wants JSON (GeoGrid:LogFormat=json).
        if (string.Equals(builder.Configuration["GeoGrid:LogFormat"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }

        // Only the names this server is reached by (loopback unless AllowedHosts says more): a page on
        // another site that rebinds its DNS name to 127.0.0.1 sends its own Host and is refused.
        builder.Configuration["AllowedHosts"] ??= "localhost;127.0.0.1;[::1]";
        // One JSON line per request from ASP.NET itself would cost more than serving a cached tile;
        // GeoGrid's own events and every warning stay.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);
        var connectionString = builder.Configuration[ConnectionStringKey] ?? Environment.GetEnvironmentVariable("GEOGRID_DB")
            ?? throw new InvalidOperationException($"No database: set {ConnectionStringKey} or GEOGRID_DB (./geogrid up does).");
        builder.Services.AddSingleton(_ => GeoGridDataSource.Create(connectionString));
        // Reads that may lag a moment (features, analyses, search) go to a streaming replica when one is
        // named; tiles stay on the primary, whose edit notices are what invalidates the tile cache.
        var readConnectionString = builder.Configuration[ReadConnectionStringKey];
        builder.Services.AddSingleton(sp => new ReadSource(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), string.IsNullOrEmpty(readConnectionString) ? null : GeoGridDataSource.Create(readConnectionString)));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<DatabaseOutage>();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddSingleton<GeoGrid.Storage.Collections.FeatureStore>();
        builder.Services.AddSingleton<GeoGrid.Storage.Features.EditStore>();
        builder.Services.AddSingleton(services => new GeoGrid.Storage.Tiles.TileSource(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), Styles.MapStyle.DrawnProperties));
        builder.Services.AddSingleton<AnalysisSources>();
        builder.Services.AddSingleton<ResponsibilityLookup>();
        builder.Services.AddSingleton<AnalysisJobStore>();
        builder.Services.AddSingleton<AnalysisJobs>();
        builder.Services.AddSingleton<DensityModels>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AnalysisJobs>());
        // The disk tier is on when a folder is configured (./geogrid up gives it .geogrid/tiles).
        builder.Services.AddSingleton(sp => new TileCache(
            builder.Configuration.GetValue("GeoGrid:TileCache:Capacity", 20_000),
            builder.Configuration["GeoGrid:TileCache:Folder"],
            ct => DataVersion.ReadAsync(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), ct),
            builder.Configuration.GetValue("GeoGrid:TileCache:MaxMegabytes", TileCache.DefaultMaxBytes >> 20) << 20,
            TimeSpan.FromSeconds(builder.Configuration.GetValue("GeoGrid:TileCache:VersionCheckSeconds", 2.0))));
        builder.Services.AddSingleton<GeoGrid.Storage.Tiles.EditChannel>();
        builder.Services.AddSingleton<TileInvalidations>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TileInvalidations>());
        builder.Services.AddHostedService<IdleTrimmer>();
        builder.Services.AddHostedService<ReplicaWatch>();
        builder.AddGeoGridAccess();
        builder.AddGeoGridRateLimits();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "GeoGrid";
            document.Info.Description = "郑州网格化治理: OGC API – Features, vector and raster tiles, WMTS, styles, 四乱 lifecycle, Open311 intake, plans";
            // How to sign in, for clients generated from this document: a bearer token from /auth/token, or an API key.
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>
            {
                ["bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme { Type = Microsoft.OpenApi.SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT", Description = "POST /auth/token with username and password" },
                ["apiKey"] = new Microsoft.OpenApi.OpenApiSecurityScheme { Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey, In = Microsoft.OpenApi.ParameterLocation.Header, Name = "X-API-Key", Description = "geogrid user key NAME" },
            };
            return Task.CompletedTask;
        }));
        // Browser clients on other origins read the map data; GeoGrid:Cors:Origins narrows who may.
        var origins = builder.Configuration.GetSection("GeoGrid:Cors:Origins").Get<string[]>() ?? [];
        builder.Services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            if (origins.Length == 0)
            {
                p.AllowAnyOrigin();
            }
            else
            {
                p.WithOrigins(origins);
            }

            p.AllowAnyHeader().WithMethods("GET", "HEAD", "OPTIONS").WithExposedHeaders("ETag", "Content-Crs");
            // Bearer tokens, not cookies: a page elsewhere cannot act as a signed-in user, so CORS stays read-only.
        }));
        // JSON, GeoJSON and HTML compress five- to tenfold; tiles are compressed once in the tile cache instead.
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["application/json", "application/geo+json", "application/problem+json", "text/html", "text/plain", "text/xml", "application/xml", "text/csv"];
        });
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseReadRouting();
        app.UseResponseCompression();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi.json");
        app.MapHealthApi();
        app.MapAuthApi();
        app.MapAuditApi();
        app.MapLandingApi();
        app.MapFeaturesApi();
        app.MapFeatureEditsApi();
        app.MapSiteEventsApi();
        app.MapFiguresApi();
        app.MapDeadlinesApi();
        app.MapOpen311Api();
        app.MapPlansApi();
        app.MapSearchApi();
        app.MapTilesApi();
        app.MapOgcTilesApi();
        app.MapRasterTilesApi();
        app.MapWmtsApi();
        app.MapWmsApi();
        app.MapStylesApi();
        app.MapAnalysesApi();
        app.UseViewerFiles();
        return app;
    }
}
