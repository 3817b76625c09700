using System.Text;

namespace GeoGrid.Server.Glyphs;

/// <summary>The few protocol-buffer encodings a glyph file needs: varints, zig-zag integers, strings,
/// bytes and nested messages (length-delimited). Three message types do not justify a code generator.</summary>
public sealed class ProtobufWriter
{
    private const int VarintType = 0;
    private const int LengthDelimitedType = 2;

    private readonly MemoryStream _buffer = new();

    public void UInt(int field, uint value)
    {
        Tag(field, VarintType);
        Varint(value);
    }

    /// <summary>A <c>sint32</c>: zig-zag encoded so small negative numbers stay short.</summary>
    public void SInt(int field, int value)
    {
        Tag(field, VarintType);
        Varint((uint)((value << 1) ^ (value >> 31)));
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimitedType);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void Message(int field, ProtobufWriter message) => Bytes(field, message._buffer.GetBuffer().AsSpan(0, (int)message._buffer.Length));

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
