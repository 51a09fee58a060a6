namespace Scim.Conformance.Suites.Kit;

/// <summary>Keeps secrets out of everything a run records: credential headers are masked whatever their value,
/// and every known secret value is masked wherever it appears (a server may echo a token in a body or a URL).
/// Secrets learnt during the run (an OAuth access token fetched on the way) and the name of an API key header are
/// added as they become known; adding is thread-safe.</summary>
public sealed class Redactor
{
    public const string Mask = "[REDACTED]";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _credentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-API-Key", "Api-Key",
    };
    private volatile string[] _secrets = [];
    private volatile string[] _headers;

    public Redactor(IEnumerable<string?> secrets)
    {
        _headers = [.. _credentialHeaders];
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
            if (_credentialHeaders.Add(name))
                _headers = [.. _credentialHeaders];
        }
    }

    public bool IsCredentialHeader(string name) => _headers.Contains(name, StringComparer.OrdinalIgnoreCase);

    public string Header(string name, string value) =>
        IsCredentialHeader(name) ? MaskCredential(value) : Text(value);

    public string Text(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    // Keep the scheme ("Bearer [REDACTED]") so a reader can still see which kind of credential was sent.
    private static string MaskCredential(string value)
    {
        var space = value.IndexOf(' ');
        return space > 0 && space < 20 ? value[..space] + " " + Mask : Mask;
    }
}
