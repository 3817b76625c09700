using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace GeoGrid.Server.Viewer;

/// <summary>
/// Serves the web viewer's own files (<c>src/viewer</c>) at <c>/viewer/</c>, MapLibre GL JS from the
/// viewer's npm packages at <c>/viewer/maplibre-gl/</c>, Apache ECharts at <c>/viewer/echarts/</c>, and Swagger UI at <c>/viewer/swagger-ui/</c> for
/// the browsable API page <c>/api</c>: no CDN, nothing fetched at run time.
/// </summary>
public static class ViewerFiles
{
    public const string PathKey = "GeoGrid:ViewerPath";

    // The npm packages pages load, each from its built files: the map, the charts, drawing on the map,
    // the API page.
    private static readonly (string Package, string Served)[] s_packages =
    [
        (Path.Combine("maplibre-gl", "dist"), "/viewer/maplibre-gl"),
        (Path.Combine("echarts", "dist"), "/viewer/echarts"),
        (Path.Combine("terra-draw", "dist"), "/viewer/terra-draw"),
        (Path.Combine("terra-draw-maplibre-gl-adapter", "dist"), "/viewer/terra-draw-maplibre-gl-adapter"),
        ("swagger-ui-dist", "/viewer/swagger-ui"),
    ];

    public static WebApplication UseViewerFiles(this WebApplication app)
    {
        var folder = app.Configuration[PathKey] ?? Find();
        if (folder is null || !Directory.Exists(folder))
        {
            return app;
        }

        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new BundleFileProvider(folder), RequestPath = "/viewer", ContentTypeProvider = types });
        foreach (var (package, served) in s_packages)
        {
            var files = Path.Combine(folder, "node_modules", package);
            if (Directory.Exists(files))
            {
                app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(files), RequestPath = served, ContentTypeProvider = types });
            }
        }

        // The browsable API: Swagger UI over /openapi.json.
        app.MapGet("/api", () => Microsoft.AspNetCore.Http.Results.Redirect("/viewer/api.html")).ExcludeFromDescription();

        return app;
    }

    /// <summary>src/viewer of the clone the server runs from.</summary>
    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "viewer");
            if (File.Exists(Path.Combine(candidate, "app.js")))
            {
                return candidate;
            }
        }

        return null;
    }
}
