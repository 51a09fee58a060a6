using System.Security.Cryptography;
using System.Text;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>Deterministic identifiers derived from text. Rendering the same result document twice gives the
/// same file names and ids (diffable artifacts, reproducible tests), and a check keeps its history id across
/// runs so Allure can draw its history.</summary>
public static class StableId
{
    /// <summary>32 hex digits: the first 128 bits of SHA-256 over the parts joined by a separator no id uses.</summary>
    public static string Hash(params string[] parts) => Convert.ToHexStringLower(Digest(parts)[..16]);

    /// <summary>A UUID-shaped id (version 8, "custom", RFC 9562) from the same digest.</summary>
    public static string Uuid(params string[] parts)
    {
        var b = Digest(parts)[..16];
        b[6] = (byte)((b[6] & 0x0F) | 0x80);   // version 8
        b[8] = (byte)((b[8] & 0x3F) | 0x80);   // RFC 9562 variant
        var hex = Convert.ToHexStringLower(b);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static byte[] Digest(string[] parts) => SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001F', parts)));
}
