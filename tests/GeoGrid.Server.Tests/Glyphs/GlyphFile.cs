using System.Text;

namespace GeoGrid.Server.Tests.Glyphs;

/// <summary>A reader of glyph protocol buffers as MapLibre decodes them (its <c>readFontstack</c>), so the
/// tests check the bytes a browser gets, not the writer's own idea of them.</summary>
public sealed record GlyphFile(string Name, string Range, IReadOnlyDictionary<int, GlyphFile.Glyph> Glyphs)
{
    public sealed record Glyph(int Id, byte[] Bitmap, int Width, int Height, int Left, int Top, int Advance);

    public static GlyphFile Read(byte[] data)
    {
        var fields = Fields(data).ToList();
        Assert.All(fields, f => Assert.Equal(1, f.Field));
        var stack = Assert.Single(fields);
        string name = "", range = "";
        var glyphs = new Dictionary<int, Glyph>();
        foreach (var (field, value, bytes) in Fields(stack.Bytes!))
        {
            if (field == 1) name = Encoding.UTF8.GetString(bytes!);
            else if (field == 2) range = Encoding.UTF8.GetString(bytes!);
            else if (field == 3)
            {
                int id = 0, width = 0, height = 0, left = 0, top = 0, advance = 0;
                var bitmap = Array.Empty<byte>();
                foreach (var (f, v, b) in Fields(bytes!))
                {
                    switch (f)
                    {
                        case 1: id = (int)v; break;
                        case 2: bitmap = b!; break;
                        case 3: width = (int)v; break;
                        case 4: height = (int)v; break;
                        case 5: left = ZigZag(v); break;
                        case 6: top = ZigZag(v); break;
                        case 7: advance = (int)v; break;
                    }
                }

                glyphs.Add(id, new Glyph(id, bitmap, width, height, left, top, advance));
            }
        }

        return new GlyphFile(name, range, glyphs);
    }

    private static int ZigZag(ulong v) => (int)(v >> 1) ^ -(int)(v & 1);

    private static IEnumerable<(int Field, ulong Value, byte[]? Bytes)> Fields(byte[] data)
    {
        var position = 0;
        while (position < data.Length)
        {
            var key = Varint(data, ref position);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return (field, Varint(data, ref position), null);
                    break;
                case 2:
                    var length = (int)Varint(data, ref position);
                    yield return (field, 0, data[position..(position + length)]);
                    position += length;
                    break;
                default:
                    throw new InvalidDataException($"wire type {key & 7} in a glyph file");
            }
        }
    }

    private static ulong Varint(byte[] data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }
}
