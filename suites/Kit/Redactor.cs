namespace Scim.Conformance.Suites.Kit;

/// <summary>Keeps secrets out of everything a run records: credential headers are masked whatever their value,
/// and every known secret value is masked wherever it appears (a server may echo a token in a body or a URL).</summary>
public sealed partial class Redactor
{
    public const string Mask = "[REDACTED]";

    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-API-Key", "Api-Key",
    };

    private readonly string[] _secrets;

    public Redactor(IEnumerable<string?> secrets) =>
        // Longest first, so a secret that contains another is masked whole. Very short values are not masked
        // everywhere: they would mangle ordinary text without protecting anything.
        _secrets = secrets.Where(s => !string.IsNullOrEmpty(s) && s.Length >= 4).Select(s => s!)
            .Distinct().OrderByDescending(s => s.Length).ToArray();

    public static Redactor None { get; } = new([]);

    public string Header(string name, string value) =>
        CredentialHeaders.Contains(name) ? MaskCredential(value) : Text(value);

    public string Text(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        // Tokens a target issues during a run (the deactivation suite's credential probe) are not known in advance:
        // they are masked by their place, as OAuth 2.0 names them in JSON (RFC 6749 §5.1) and forms (RFC 7662 §2.1).
        text = IssuedTokenInJson().Replace(text, m => m.Groups[1].Value + Mask + "\"");
        return IssuedTokenInForm().Replace(text, m => m.Groups[1].Value + Mask);
    }

    [System.Text.RegularExpressions.GeneratedRegex("(\"(?:access_token|refresh_token|id_token)\"\\s*:\\s*\")[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex IssuedTokenInJson();

    [System.Text.RegularExpressions.GeneratedRegex("((?:^|[?&])token=)[^&\\s]+")]
    private static partial System.Text.RegularExpressions.Regex IssuedTokenInForm();

    // Keep the scheme ("Bearer [REDACTED]") so a reader can still see which kind of credential was sent.
    private static string MaskCredential(string value)
    {
        var space = value.IndexOf(' ');
        return space > 0 && space < 20 ? value[..space] + " " + Mask : Mask;
    }
}
