using System.Globalization;
using SkiaSharp;

namespace GeoGrid.Server.Glyphs;

/// <summary>
/// One range of 256 code points as MapLibre fetches it (<c>/fonts/{fontstack}/{first}-{last}.pbf</c>): each
/// character the label font has, drawn at 24 px and stored as a signed distance field with its metrics,
/// in the glyph protocol buffer MapLibre reads (the format of Mapbox's node-fontnik). Generated from the
/// installed Noto Sans CJK, so labels get Latin letters and digits without anything downloaded.
/// </summary>
public static class GlyphRange
{
    public const int Size = 256;
    public const int LastStart = 0xFF00;

    /// <summary>The blank border around each glyph's bitmap; MapLibre assumes 3.</summary>
    public const int Border = 3;

    private const float FontSize = 24;

    /// <summary>Where MapLibre's text origin lies above the baseline at 24 px, as it aligns the CJK glyphs it
    /// draws itself (its <c>topAdjustment</c>), so server and browser glyphs share one baseline.</summary>
    private const int BaselineOffset = 27;

    /// <summary>The first code point of a range written <c>first-last</c>, or null when it is not one of the
    /// 256 ranges of the Basic Multilingual Plane.</summary>
    public static int? Parse(string range)
    {
        var parts = range.Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return null;
        }

        return first % Size == 0 && last == first + Size - 1 && first <= LastStart ? first : null;
    }

    /// <summary>The glyph file of the range starting at <paramref name="first"/>, under the name
    /// <paramref name="fontstack"/>.</summary>
    public static byte[] Render(string fontstack, int first)
    {
        using var font = new SKFont(LabelFont.Typeface, FontSize) { Edging = SKFontEdging.Antialias, Subpixel = true };
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.White };
        var stack = new ProtobufWriter();
        stack.String(1, fontstack);
        stack.String(2, $"{first}-{first + Size - 1}");
        for (var codePoint = first; codePoint < first + Size; codePoint++)
        {
            // Surrogate halves are not characters, and a glyph the font lacks would draw its empty box.
            if (char.IsSurrogate((char)codePoint) || (font.GetGlyph(codePoint) == 0 && !char.IsWhiteSpace((char)codePoint))) continue;
            stack.Message(3, Glyph(codePoint, font, paint));
        }

        var glyphs = new ProtobufWriter();
        glyphs.Message(1, stack);
        return glyphs.ToArray();
    }

    private static ProtobufWriter Glyph(int codePoint, SKFont font, SKPaint paint)
    {
        var text = ((char)codePoint).ToString();
        var advance = font.MeasureText(text, out var bounds);
        var left = (int)Math.Floor(bounds.Left);
        var top = (int)Math.Ceiling(-bounds.Top);
        var width = bounds.IsEmpty ? 0 : (int)Math.Ceiling(bounds.Right) - left;
        var height = bounds.IsEmpty ? 0 : top + (int)Math.Ceiling(bounds.Bottom);
        var glyph = new ProtobufWriter();
        glyph.UInt(1, (uint)codePoint);
        if (width > 0 && height > 0)
        {
            glyph.Bytes(2, Field(text, font, paint, left, top, width, height));
        }

        glyph.UInt(3, (uint)width);
        glyph.UInt(4, (uint)height);
        glyph.SInt(5, left);
        glyph.SInt(6, top - BaselineOffset);
        glyph.UInt(7, (uint)Math.Round(advance));
        return glyph;
    }

    /// <summary>The distance field of the glyph drawn with <see cref="Border"/> blank pixels on every side.</summary>
    private static byte[] Field(string text, SKFont font, SKPaint paint, int left, int top, int width, int height)
    {
        var info = new SKImageInfo(width + 2 * Border, height + 2 * Border, SKColorType.Alpha8, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.DrawText(text, Border - left, Border + top, SKTextAlign.Left, font, paint);
        }

        return DistanceField.Encode(bitmap.GetPixelSpan(), info.Width, info.Height);
    }
}
