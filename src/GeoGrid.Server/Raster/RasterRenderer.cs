using System.Text.Json;
using GeoGrid.Server.Glyphs;
using GeoGrid.Server.Styles;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using SkiaSharp;

namespace GeoGrid.Server.Raster;

/// <summary>
/// Draws a raster tile with SkiaSharp from the features of a vector tile (tile coordinates, y down) and
/// the <see cref="MapStyle"/> the web map uses, labels in a CJK font (Debian's fonts-noto-cjk).
/// </summary>
public static class RasterRenderer
{
    /// <summary>One feature of the tile: its layer, geometry in tile coordinates and properties.</summary>
    public sealed record TileFeature(string Layer, Geometry Geometry, IReadOnlyDictionary<string, string?> Properties);

    /// <summary>Draws features given in 0..<paramref name="extent"/> coordinates (y down) onto a
    /// width × height image at map zoom <paramref name="zoom"/> (which style layers apply); the style's sizes are
    /// multiplied by <paramref name="pixelRatio"/> (2 for @2x tiles).</summary>
    public static byte[] RenderPng(IReadOnlyList<TileFeature> features, int width, int height, int extent, int zoom, float pixelRatio = 1, bool transparent = false)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(transparent ? SKColors.Transparent : SKColor.Parse(MapStyle.Background));
        // Stretch tile coordinates to the image; text and line widths keep the horizontal scale.
        canvas.Scale(1, (float)height / width);
        var scale = (float)width / extent;
        var byLayer = features.ToLookup(f => f.Layer);
        var labelled = new List<SKRect>();
        foreach (var style in MapStyle.Layers.Where(l => l.AppliesAt(zoom)))
        {
            foreach (var f in byLayer[style.SourceLayer].Where(f => style.Draws(f.Geometry)))
            {
                Draw(canvas, style, f, scale, pixelRatio, labelled);
            }
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static TileFeature Parse(string layer, byte[] wkb, string propertiesJson)
    {
        var properties = new Dictionary<string, string?>();
        using (var doc = JsonDocument.Parse(propertiesJson))
        {
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                properties[p.Name] = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
            }
        }

        return new TileFeature(layer, new WKBReader().Read(wkb), properties);
    }

    private static void Draw(SKCanvas canvas, StyleLayer style, TileFeature f, float scale, float ratio, List<SKRect> labelled)
    {
        var color = SKColor.Parse(style.Color.For(f.Properties));
        using var paint = new SKPaint { IsAntialias = true, Color = color };
        switch (style.Kind)
        {
            case StyleLayerKind.Fill:
                paint.Style = SKPaintStyle.Fill;
                paint.Color = color.WithAlpha((byte)(style.Opacity * 255));
                using (var path = ToPath(f.Geometry, scale))
                {
                    canvas.DrawPath(path, paint);
                }

                break;
            case StyleLayerKind.Line:
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = (float)style.Size * ratio;
                using (var path = ToPath(f.Geometry, scale))
                {
                    canvas.DrawPath(path, paint);
                }

                break;
            case StyleLayerKind.Circle:
                foreach (var c in f.Geometry.Coordinates)
                {
                    var radius = (float)style.Size * ratio;
                    canvas.DrawCircle((float)c.X * scale, (float)c.Y * scale, radius, paint);
                    using var ring = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = SKColors.White, StrokeWidth = ratio };
                    canvas.DrawCircle((float)c.X * scale, (float)c.Y * scale, radius, ring);
                }

                break;
            default:
                DrawLabel(canvas, style, f, scale, ratio, color, labelled);
                break;
        }
    }

    private static void DrawLabel(SKCanvas canvas, StyleLayer style, TileFeature f, float scale, float ratio, SKColor color, List<SKRect> labelled)
    {
        if (f.Properties.GetValueOrDefault("name") is not { Length: > 0 } name)
        {
            return;
        }

        // Label at the polygon's interior point, once per tile, and not on top of another label.
        var at = f.Geometry.InteriorPoint.Coordinate;
        using var font = new SKFont(LabelFont.Typeface, (float)style.Size * ratio);
        var width = font.MeasureText(name);
        var x = (float)at.X * scale - width / 2;
        var y = (float)at.Y * scale;
        var box = new SKRect(x, y - font.Size, x + width, y + font.Size * 0.3f);
        if (labelled.Any(b => b.IntersectsWith(box)))
        {
            return;
        }

        labelled.Add(box);
        using var halo = new SKPaint { IsAntialias = true, Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = 3 * ratio };
        using var text = new SKPaint { IsAntialias = true, Color = color };
        canvas.DrawText(name, x, y, SKTextAlign.Left, font, halo);
        canvas.DrawText(name, x, y, SKTextAlign.Left, font, text);
    }

    private static SKPath ToPath(Geometry g, float scale)
    {
        using var builder = new SKPathBuilder { FillType = SKPathFillType.EvenOdd };
        foreach (var line in NetTopologySuite.Geometries.Utilities.LinearComponentExtracter.GetLines(g).Cast<LineString>())
        {
            builder.AddPoly(line.Coordinates.Select(c => new SKPoint((float)c.X * scale, (float)c.Y * scale)).ToArray(), line is LinearRing);
        }

        return builder.Detach();
    }
}
