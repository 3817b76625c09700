using GeoGrid.Server.Glyphs;

namespace GeoGrid.Server.Tests.Glyphs;

public sealed class GlyphRangeTests
{
    [Theory]
    [InlineData("0-255", 0)]
    [InlineData("256-511", 256)]
    [InlineData("65280-65535", 65280)]
    public void A_range_of_256_code_points_is_read(string range, int first) => Assert.Equal(first, GlyphRange.Parse(range));

    [Theory]
    [InlineData("1-256")]
    [InlineData("0-254")]
    [InlineData("65536-65791")]
    [InlineData("-256-0")]
    [InlineData("+0-255")]
    [InlineData("0-255-511")]
    [InlineData("99999999999999999999-0")]
    [InlineData("")]
    public void Anything_else_is_no_range(string range) => Assert.Null(GlyphRange.Parse(range));

    [Fact]
    public void The_latin_range_has_every_digit_and_letter_as_a_distance_field()
    {
        var file = GlyphFile.Read(GlyphRange.Render("Noto Sans CJK SC Regular", 0));
        Assert.Equal("Noto Sans CJK SC Regular", file.Name);
        Assert.Equal("0-255", file.Range);
        foreach (var c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-()")
        {
            var glyph = file.Glyphs[c];
            Assert.True(glyph.Width > 0 && glyph.Height > 0, $"'{c}' has no shape");
            // MapLibre reads the bitmap as (width + 6) × (height + 6) and refuses any other length.
            Assert.Equal((glyph.Width + 2 * GlyphRange.Border) * (glyph.Height + 2 * GlyphRange.Border), glyph.Bitmap.Length);
            Assert.InRange(glyph.Advance, glyph.Width / 2, 24);
            // The border is outside the outline, and some pixel is inside it.
            Assert.True(glyph.Bitmap[0] < 192, $"'{c}' is drawn into its border");
            Assert.Contains(glyph.Bitmap, v => v > 192);
        }

        // A space advances the pen but draws nothing.
        Assert.True(file.Glyphs[' '].Advance > 0);
        Assert.Empty(file.Glyphs[' '].Bitmap);
        // Letters stand on one baseline: 'x' is as high as it is deep above it, 'p' hangs below, 'A' is taller.
        Assert.True(file.Glyphs['A'].Top > file.Glyphs['x'].Top);
        Assert.True(file.Glyphs['p'].Top - file.Glyphs['p'].Height < file.Glyphs['x'].Top - file.Glyphs['x'].Height);
        Assert.True(file.Glyphs['W'].Width > file.Glyphs['1'].Width);
    }

    [Fact]
    public void A_cjk_range_holds_the_ideographs_of_place_names()
    {
        var first = '郑' / GlyphRange.Size * GlyphRange.Size;
        var file = GlyphFile.Read(GlyphRange.Render("Noto Sans CJK SC Regular", first));
        var glyph = file.Glyphs['郑'];
        Assert.Equal((glyph.Width + 2 * GlyphRange.Border) * (glyph.Height + 2 * GlyphRange.Border), glyph.Bitmap.Length);
        Assert.InRange(glyph.Advance, 23, 25);
    }
}
