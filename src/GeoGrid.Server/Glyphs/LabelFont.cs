using SkiaSharp;

namespace GeoGrid.Server.Glyphs;

/// <summary>The one font GeoGrid draws labels in, raster tiles and vector glyphs alike: Noto Sans CJK SC
/// (Debian's fonts-noto-cjk) covers Chinese, Latin letters and digits, so no label falls back to tofu.</summary>
public static class LabelFont
{
    private static readonly Lazy<SKTypeface> s_typeface = new(() =>
        SKFontManager.Default.MatchFamily("Noto Sans CJK SC") ?? SKFontManager.Default.MatchCharacter('郑') ?? SKTypeface.Default);

    public static SKTypeface Typeface => s_typeface.Value;

    /// <summary>The family labels are drawn in; a CJK family when fonts-noto-cjk is installed.</summary>
    public static string FamilyName => Typeface.FamilyName;
}
