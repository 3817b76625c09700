using GeoGrid.Server.Glyphs;

namespace GeoGrid.Server.Tests.Glyphs;

public sealed class DistanceFieldTests
{
    private const int Side = 24;

    /// <summary>A filled square from pixel 8 to 15 on both axes in a 24 × 24 image: its edge lies between
    /// pixels 7 and 8 (and 15 and 16), so the encoded value at the edge, halfway, is the cutoff.</summary>
    private static byte[] Square()
    {
        var coverage = new byte[Side * Side];
        for (var y = 8; y < 16; y++)
        {
            for (var x = 8; x < 16; x++) coverage[y * Side + x] = 255;
        }

        return DistanceField.Encode(coverage, Side, Side);
    }

    private static double Expected(double distanceOutside) =>
        Math.Clamp(Math.Round(255 * (1 - DistanceField.Cutoff) - 255.0 / DistanceField.Radius * distanceOutside), 0, 255);

    [Theory]
    [InlineData(7, 1)]
    [InlineData(5, 3)]
    [InlineData(2, 6)]
    public void A_pixel_beside_the_square_is_encoded_by_its_distance(int x, int distance)
    {
        var field = Square();
        Assert.Equal(Expected(distance), field[12 * Side + x]);
        // The same on the other three sides.
        Assert.Equal(Expected(distance), field[12 * Side + (Side - 1 - x)]);
        Assert.Equal(Expected(distance), field[x * Side + 12]);
    }

    [Fact]
    public void The_distance_past_a_corner_is_euclidean()
    {
        // Pixel (4, 4) is 4 pixels left of and above the corner pixel (8, 8).
        Assert.Equal(Expected(Math.Sqrt(32)), Square()[4 * Side + 4]);
    }

    [Fact]
    public void Inside_the_values_rise_above_the_cutoff_and_the_edge_lies_halfway()
    {
        var field = Square();
        Assert.Equal(Expected(-1), field[12 * Side + 8]);
        Assert.Equal(Expected(-4), field[12 * Side + 11]);
        // The outline, midway between the last pixel outside and the first inside, is at the cutoff.
        Assert.Equal(255 * (1 - DistanceField.Cutoff), (field[12 * Side + 7] + field[12 * Side + 8]) / 2.0, 0);
    }
}
