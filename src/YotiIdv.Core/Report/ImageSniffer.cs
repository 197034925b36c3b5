namespace YotiIdv.Report;

/// <summary>
/// Recognises the raster formats a report embeds from their first bytes. The server's Content-Type is not
/// trusted: a "JPEG" that is not one would be a broken image, and SVG (which can carry script) is never embedded.
/// </summary>
internal static class ImageSniffer
{
    /// <summary><c>image/jpeg</c>, <c>image/png</c>, <c>image/gif</c> or <c>image/webp</c>; null for anything else.</summary>
    public static string? MediaType(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (bytes.Length >= 8 && bytes[0] == 0x89 && bytes[1] == 0x50 && bytes[2] == 0x4E && bytes[3] == 0x47
            && bytes[4] == 0x0D && bytes[5] == 0x0A && bytes[6] == 0x1A && bytes[7] == 0x0A)
        {
            return "image/png";
        }

        if (bytes.Length >= 6 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == '8')
        {
            return "image/gif";
        }

        if (bytes.Length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
            && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P')
        {
            return "image/webp";
        }

        return null;
    }
}
