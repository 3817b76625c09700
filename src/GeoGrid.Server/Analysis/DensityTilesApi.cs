using GeoGrid.Core.Analysis.Density;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Core.Crs;
using GeoGrid.Server.Tiles;
using GeoGrid.Storage.Analysis;
using Microsoft.AspNetCore.Http;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace GeoGrid.Server.Analysis;

/// <summary>
/// Kernel density of reports or sites as transparent PNG tiles (yellow → red), with the density
/// analysis's parameters (<c>bandwidth</c>) and the same input filters. The estimate is computed once per
/// filter set and data version on a grid of an eighth of the bandwidth (the quartic kernel is smooth at
/// that scale: interpolating between cells is within about 1 %), kept, and sampled per pixel; colours
/// scale to its peak, so the tiles of one map agree.
/// </summary>
public static class DensityTilesApi
{
    private const int Size = 256;

    public static async Task<IResult> GetAsync(int z, int x, int y, HttpContext context, AnalysisSources sources, DensityModels models, CancellationToken ct)
    {
        if (TileAddress.Problem(z, x, y) is { } problem)
        {
            return problem;
        }

        var request = AnalysisRequest.Parse(new DensityAnalysis(), context.Request.Query);
        if (request.Source == "grids")
        {
            throw new AnalysisParameterException("source", "density tiles are of reports or sites");
        }

        var version = await sources.DataVersionAsync(ct).ConfigureAwait(false);
        var key = $"{version}|{string.Join('&', request.Effective().OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}";
        var model = await models.GetOrBuildAsync(key, async () =>
        {
            var input = await AnalysisInputs.LoadAsync(request, sources, ct).ConfigureAwait(false);
            var points = MetricCoordinates.Points(input.Features, Crs.Epsg4547);
            var kde = new KernelDensity(points, request.Values.Number("bandwidth"));
            var extent = new Envelope();
            points.ToList().ForEach(extent.ExpandToInclude);
            extent.ExpandBy(kde.Bandwidth);
            return kde.Grid(Math.Max(kde.Bandwidth / 8, Math.Sqrt(extent.Area / 4_000_000)), extent);
        }).ConfigureAwait(false);

        // The tile follows from the estimate (filters and data version) and its address: a stable tag.
        var etag = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{key}|{z}/{x}/{y}")).AsSpan(0, 12))}\"";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(Render(model.Grid, model.Peak, z, x, y), "image/png");
    }

    private static byte[] Render(DensityGrid density, double peak, int z, int x, int y)
    {
        // Pixel centres in EPSG:4547 by bilinear interpolation on a 9 × 9 lattice of exact transforms:
        // across 32 pixels the projection change is far below a pixel.
        const int step = 32;
        const int lattice = (Size / step) + 1;
        var res = WebMercatorQuad.CellSize(z);
        var minX = -WebMercatorQuad.Origin + (x * Size * res);
        var maxY = WebMercatorQuad.Origin - (y * Size * res);
        var gx = new double[lattice, lattice];
        var gy = new double[lattice, lattice];
        for (var i = 0; i < lattice; i++)
        {
            for (var j = 0; j < lattice; j++)
            {
                (gx[i, j], gy[i, j]) = Reprojector.Transform(minX + (i * step * res), maxY - (j * step * res), Crs.Epsg3857, Crs.Epsg4547);
            }
        }

        using var bitmap = new SKBitmap(Size, Size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new int[Size * Size];
        Parallel.For(0, Size, row =>
        {
            var fy = (row + 0.5) / step;
            var j = Math.Min((int)fy, lattice - 2);
            var ty = fy - j;
            for (var col = 0; col < Size; col++)
            {
                var fx = (col + 0.5) / step;
                var i = Math.Min((int)fx, lattice - 2);
                var tx = fx - i;
                var px = Lerp(Lerp(gx[i, j], gx[i + 1, j], tx), Lerp(gx[i, j + 1], gx[i + 1, j + 1], tx), ty);
                var py = Lerp(Lerp(gy[i, j], gy[i + 1, j], tx), Lerp(gy[i, j + 1], gy[i + 1, j + 1], tx), ty);
                pixels[(row * Size) + col] = (int)Colour(density.Sample(px, py) / peak);
            }
        });

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);

    /// <summary>RGBA (little-endian ABGR) from yellow through orange to dark red, transparent where there is next to nothing.</summary>
    private static uint Colour(double t)
    {
        if (t < 0.02)
        {
            return 0;
        }

        t = Math.Min(t, 1);
        (double R, double G, double B) a = t < 0.5 ? (255, 255, 178) : (253, 141, 60);
        (double R, double G, double B) b = t < 0.5 ? (253, 141, 60) : (189, 0, 38);
        var u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
        var r = (uint)Lerp(a.R, b.R, u);
        var g = (uint)Lerp(a.G, b.G, u);
        var bl = (uint)Lerp(a.B, b.B, u);
        var alpha = (uint)(90 + (150 * t));
        return r | (g << 8) | (bl << 16) | (alpha << 24);
    }
}
