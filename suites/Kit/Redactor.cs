using System.Collections.Frozen;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Keeps secrets out of everything a run records: credential headers are masked whatever their value,
/// and every known secret value is masked wherever it appears (a server may echo a token in a body or a URL).
/// Secrets learnt during the run (an OAuth access token fetched on the way) and the name of an API key header are
/// added as they become known; adding is thread-safe.</summary>
public sealed partial class Redactor
{
    public const string Mask = "[REDACTED]";

    private readonly Lock _gate = new();
    // Only these carry an authentication scheme before the secret ("Bearer …"), which is worth keeping readable.
    private static readonly FrozenSet<string> SchemeHeaders = new[] { "Authorization", "Proxy-Authorization" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private volatile string[] _secrets = [];
    private volatile FrozenSet<string> _headers = new[] { "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-API-Key", "Api-Key" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public Redactor(IEnumerable<string?> secrets)
    {
        Add(secrets);
    }

    public static Redactor None { get; } = new([]);

    /// <summary>Masks these values from now on. Very short values are not masked everywhere: they would mangle
    /// ordinary text without protecting anything.</summary>
    public void Add(IEnumerable<string?> secrets)
    {
        lock (_gate)
        {
            // Longest first, so a secret that contains another is masked whole.
            _secrets = [.. _secrets.Concat(secrets.Where(s => !string.IsNullOrEmpty(s) && s.Length >= 4).Select(s => s!))
                .Distinct().OrderByDescending(s => s.Length)];
        }
    }

    public void Add(string? secret) => Add([secret]);

    /// <summary>Treats this header as a credential: its value is masked whole wherever it is recorded.</summary>
    public void AddCredentialHeader(string name)
    {
        lock (_gate)
        {
            if (!_headers.Contains(name))
                _headers = _headers.Append(name).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        }
    }

    public bool IsCredentialHeader(string name) => _headers.Contains(name);

    /// <summary>A credential header is masked whole (an API key may itself contain a space); Authorization keeps its
    /// scheme. Any other header is masked like text.</summary>
    public string Header(string name, string value) =>
        !IsCredentialHeader(name) ? Text(value) : SchemeHeaders.Contains(name) ? MaskCredential(value) : Mask;

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
