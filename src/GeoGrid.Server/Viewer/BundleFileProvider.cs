using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace GeoGrid.Server.Viewer;

/// <summary>
/// The viewer folder as the web sees it: only the files a browser loads (scripts, styles, pages,
/// images) at its top level. package.json, the lock file and node_modules/ stay private; the npm
/// packages the pages need are served from their own dist folders.
/// </summary>
public sealed class BundleFileProvider(string folder) : IFileProvider
{
    private static readonly HashSet<string> s_served = [".js", ".mjs", ".css", ".html", ".png", ".svg", ".ico", ".pbf", ".map"];
    private readonly PhysicalFileProvider _files = new(folder);

    public IFileInfo GetFileInfo(string subpath) =>
        Served(subpath) ? _files.GetFileInfo(subpath) : new NotFoundFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private static bool Served(string subpath)
    {
        var path = subpath.TrimStart('/');
        return path.Length > 0 && !path.Contains('/') && !path.Contains('\\') && s_served.Contains(Path.GetExtension(path).ToLowerInvariant());
    }
}
