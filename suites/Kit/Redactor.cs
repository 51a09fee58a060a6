using System.Buffers;
using System.Collections.Frozen;
using System.Text;

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

    // The secrets as given, and every spelling of them (SecretForms), longest first with one multi-string search
    // over them all: replaced together, so the table is swapped whole when a secret is added.
    private volatile FormTable _table = FormTable.Empty;
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
            var added = secrets.Where(s => !string.IsNullOrEmpty(s) && s.Length >= 4).Select(s => s!)
                .Where(s => !_table.Secrets.Contains(s)).Distinct(StringComparer.Ordinal).ToList();
            if (added.Count > 0)
                _table = _table.With(added);
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

    /// <summary>Every spelling of every known secret in <paramref name="text"/> replaced by <see cref="Mask"/>: raw,
    /// JSON-escaped, HTML/XML-encoded, URL-encoded, base64, and these nested (see <see cref="SecretForms"/>).</summary>
    public string Text(string text)
    {
        text = _table.MaskIn(text);
        // Tokens a target issues during a run (the deactivation suite's credential probe) are not known in advance:
        // they are masked by their place, as OAuth 2.0 names them in JSON (RFC 6749 §5.1) and forms (RFC 7662 §2.1).
        text = IssuedTokenInJson().Replace(text, m => m.Groups[1].Value + Mask + "\"");
        return IssuedTokenInForm().Replace(text, m => m.Groups[1].Value + Mask);
    }

    [System.Text.RegularExpressions.GeneratedRegex("(\"(?:access_token|refresh_token|id_token)\"\\s*:\\s*\")[^\"\\r\\n]*\"")]
    private static partial System.Text.RegularExpressions.Regex IssuedTokenInJson();

    // The value ends where a form value can no longer go on: also at a quote, a backslash or an angle bracket, so that
    // masking the final text of a JSON or HTML report never swallows the syntax around a URL.
    [System.Text.RegularExpressions.GeneratedRegex("((?:^|[?&])token=)[^&\\s\"'\\\\<>]+")]
    private static partial System.Text.RegularExpressions.Regex IssuedTokenInForm();

    private sealed class FormTable
    {
        public static FormTable Empty { get; } = new([], []);

        private readonly string[] _forms;
        private readonly SearchValues<string>? _search;

        private FormTable(string[] secrets, string[] forms)
        {
            Secrets = secrets;
            _forms = forms;
            _search = forms.Length == 0 ? null : SearchValues.Create(forms, StringComparison.Ordinal);
        }

        public string[] Secrets { get; }

        public FormTable With(IEnumerable<string> added)
        {
            string[] secrets = [.. Secrets, .. added];
            // Longest first: where two spellings start at one place, the longer is masked whole.
            string[] forms = [.. secrets.SelectMany(SecretForms.Of).Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length)];
            return new FormTable(secrets, forms);
        }

        public string MaskIn(string text)
        {
            if (_search is null)
                return text;
            var at = text.AsSpan().IndexOfAny(_search);
            if (at < 0)
                return text;
            var masked = new StringBuilder(text.Length);
            var from = 0;
            while (at >= 0)
            {
                var start = from + at;
                var length = _forms.First(f => text.AsSpan(start).StartsWith(f, StringComparison.Ordinal)).Length;
                masked.Append(text, from, start - from).Append(Mask);
                from = start + length;
                at = text.AsSpan(from).IndexOfAny(_search);
            }
            return masked.Append(text, from, text.Length - from).ToString();
        }
    }

    // Keep the scheme ("Bearer [REDACTED]") so a reader can still see which kind of credential was sent.
    private static string MaskCredential(string value)
    {
        var space = value.IndexOf(' ');
        return space > 0 && space < 20 ? value[..space] + " " + Mask : Mask;
    }
}
