namespace GeoGrid.Core.Lifecycle;

/// <summary>
/// What a photo or document attached to a site's event may be: JPEG, PNG or WebP photos and PDF
/// documents, whose first bytes must be what their declared type says (a renamed executable is not a
/// photo), of at most a settable size.
/// </summary>
public static class AttachmentCheck
{
    private static readonly (string Type, byte?[] Magic)[] s_types =
    [
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/webp", [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]),
        ("application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2D]),
    ];

    /// <summary>The content types taken.</summary>
    public static IReadOnlyList<string> Types { get; } = s_types.Select(t => t.Type).ToList();

    /// <summary>Why the content cannot be attached as <paramref name="contentType"/>, or null when it can.</summary>
    public static string? Refusal(string contentType, ReadOnlySpan<byte> content, int maxBytes)
    {
        var magic = s_types.FirstOrDefault(t => string.Equals(t.Type, contentType, StringComparison.OrdinalIgnoreCase)).Magic;
        if (magic is null)
        {
            return $"attachments are {string.Join(", ", Types)}, not '{contentType}'";
        }

        if (content.Length == 0)
        {
            return "the attachment is empty";
        }

        if (content.Length > maxBytes)
        {
            return $"the attachment has {content.Length:N0} bytes; at most {maxBytes:N0}";
        }

        if (content.Length < magic.Length)
        {
            return $"the content is not {contentType}: it is shorter than that format's header";
        }

        for (var i = 0; i < magic.Length; i++)
        {
            if (magic[i] is { } expected && content[i] != expected)
            {
                return $"the content is not {contentType}: its first bytes say otherwise";
            }
        }

        return null;
    }
}
