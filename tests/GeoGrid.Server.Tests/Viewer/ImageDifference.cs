using SkiaSharp;

namespace GeoGrid.Server.Tests.Viewer;

/// <summary>
/// How far a screenshot is from its baseline: the share of pixels whose colour moved by more than a
/// threshold on any channel (anti-aliasing and GPU-emulation noise stay under it; a missing layer, a
/// moved label or a new colour do not), and an image marking those pixels in red.
/// </summary>
public static class ImageDifference
{
    public const int ChannelThreshold = 48;

    public sealed record Result(double ChangedShare, byte[] DiffPng);

    public static Result Compare(byte[] actualPng, byte[] baselinePng)
    {
        using var actual = SKBitmap.Decode(actualPng);
        using var baseline = SKBitmap.Decode(baselinePng);
        if (actual.Width != baseline.Width || actual.Height != baseline.Height)
        {
            return new Result(1, actualPng);
        }

        using var diff = new SKBitmap(actual.Width, actual.Height);
        long changed = 0;
        for (var y = 0; y < actual.Height; y++)
        {
            for (var x = 0; x < actual.Width; x++)
            {
                var a = actual.GetPixel(x, y);
                var b = baseline.GetPixel(x, y);
                var moved = Math.Abs(a.Red - b.Red) > ChannelThreshold || Math.Abs(a.Green - b.Green) > ChannelThreshold || Math.Abs(a.Blue - b.Blue) > ChannelThreshold;
                changed += moved ? 1 : 0;
                diff.SetPixel(x, y, moved ? SKColors.Red : new SKColor(b.Red, b.Green, b.Blue, 60));
            }
        }

        using var image = SKImage.FromBitmap(diff);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return new Result((double)changed / (actual.Width * actual.Height), png.ToArray());
    }
}
