using System.Net;
using System.Security;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;
using Xunit;

namespace Scim.Conformance.Tests.Security;

/// <summary>The redactor masks a secret in every spelling our outputs or a server can give it (issue 16: the JSON
/// writer's <c>\u002B</c> let a base64 token through whole), and finds the secrets a URL carries.</summary>
public class SecretFormsTests
{
    private const string Token = "tok+en/with=pad+Z9/x==";
    private readonly Redactor _redactor = new([Token]);

    // One token as the issue's (base64 characters), one with the characters HTML, XML and JSON escape.
    private const string Markup = "pw\"<d>&'q+1/z";
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Dictionary<string, Func<string, string>> Spell = new()
    {
        ["raw"] = s => s,
        ["JSON, default encoder"] = s => JsonSerializer.Serialize(s)[1..^1],
        ["JSON, relaxed encoder"] = s => JsonSerializer.Serialize(s, Relaxed)[1..^1],
        ["JSON, lower-case hex"] = s => System.Text.RegularExpressions.Regex.Replace(JsonSerializer.Serialize(s)[1..^1], @"\\u[0-9A-F]{4}", m => m.Value.ToLowerInvariant()),
        ["JSON, slash escaped"] = s => JsonSerializer.Serialize(s, Relaxed)[1..^1].Replace("/", "\\/", StringComparison.Ordinal),
        ["JSON, default encoder and slash escaped"] = s => JsonSerializer.Serialize(s)[1..^1].Replace("/", "\\/", StringComparison.Ordinal),
        ["HtmlEncoder.Default"] = s => HtmlEncoder.Default.Encode(s),
        ["HTML, decimal entities"] = s => HtmlEncoder.Default.Encode(s).Replace("&#x2B;", "&#43;", StringComparison.Ordinal).Replace("&#x27;", "&#39;", StringComparison.Ordinal),
        ["HTML, lower-case hex entities"] = s => HtmlEncoder.Default.Encode(s).Replace("&#x2B;", "&#x2b;", StringComparison.Ordinal),
        ["WebUtility.HtmlEncode"] = WebUtility.HtmlEncode,
        ["XML"] = s => SecurityElement.Escape(s)!,
        ["Uri.EscapeDataString"] = Uri.EscapeDataString,
        ["URL, lower-case hex"] = s => System.Text.RegularExpressions.Regex.Replace(Uri.EscapeDataString(s), "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant()),
        ["WebUtility.UrlEncode"] = WebUtility.UrlEncode,
        ["base64"] = s => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)),
        ["HTML of the JSON-escaped form"] = s => HtmlEncoder.Default.Encode(JsonSerializer.Serialize(s)[1..^1]),
        ["JSON of the URL-encoded form"] = s => JsonSerializer.Serialize(Uri.EscapeDataString(s))[1..^1],
        ["JSON of the base64 form"] = s => JsonSerializer.Serialize(Convert.ToBase64String(Encoding.UTF8.GetBytes(s)))[1..^1],
        ["URL-encoding of the base64 form"] = s => Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(s))),
    };

    public static TheoryData<string, string> Spellings()
    {
        var data = new TheoryData<string, string>();
        foreach (var secret in new[] { Token, Markup })
        {
            foreach (var name in Spell.Keys)
            {
                // Only real re-spellings: a form identical to the raw value proves nothing more.
                if (name == "raw" || Spell[name](secret) != secret)
                    data.Add(secret, name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Every_spelling_of_a_secret_is_masked(string secret, string spelling)
    {
        var redactor = new Redactor([secret]);
        var text = Spell[spelling](secret);

        var masked = redactor.Text($"before {text} after");

        Assert.True(masked == $"before {Redactor.Mask} after", $"{spelling} of {secret}: {text} became {masked}");
    }

    [Fact]
    public void The_JSON_writers_spelling_in_a_whole_body_is_masked()
    {
        var body = JsonSerializer.Serialize(new { detail = $"you sent {Token}", echo = new[] { Token } });
        Assert.Contains("\\u002B", body);

        var masked = _redactor.Text(body);

        Assert.DoesNotContain("Z9", masked);
        Assert.Equal(2, masked.Split(Redactor.Mask).Length - 1);
    }

    [Fact]
    public void A_secret_that_contains_another_is_masked_whole()
    {
        var redactor = new Redactor(["abcd1234", "xxabcd1234yy"]);
        Assert.Equal($"{Redactor.Mask} and {Redactor.Mask}", redactor.Text("xxabcd1234yy and abcd1234"));
    }

    [Fact]
    public void A_secret_added_later_is_masked_in_every_spelling_too()
    {
        var redactor = new Redactor([]);
        Assert.Equal("a\\u002Bb-later", redactor.Text("a\\u002Bb-later"));
        redactor.Add("a+b-later");
        Assert.Equal(Redactor.Mask, redactor.Text("a\\u002Bb-later"));
    }

    [Fact]
    public void A_secret_no_json_writer_can_spell_is_still_masked_raw()
    {
        // A lone surrogate: a token a hostile server issued may hold one, and the JSON encoders refuse it.
        var redactor = new Redactor(["issued\uD800tok+en"]);
        Assert.Equal(Redactor.Mask, redactor.Text("issued\uD800tok+en"));
        Assert.Equal(Redactor.Mask, redactor.Text(Uri.EscapeDataString("issued\uD800tok+en")));
    }

    [Fact]
    public void Ordinary_text_is_left_alone()
    {
        const string text = "GET /Users?filter=userName eq \"a+b\" → 200 {\"totalResults\":0}";
        Assert.Same(text, _redactor.Text(text));
    }

    [Fact]
    public void The_basic_encoding_of_user_and_password_is_masked_in_its_json_spelling()
    {
        var redactor = new Redactor([]);
        using var http = new HttpClient();
        new BasicAuthentication("scim-client", "pw>with?slash=").Attach(new AuthenticationServices(redactor, http, TimeProvider.System));
        var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes("scim-client:pw>with?slash="));
        Assert.Contains('+', pair);

        Assert.Equal($"\"{Redactor.Mask}\"", redactor.Text(JsonSerializer.Serialize(pair)));
        Assert.Equal($"Basic {Redactor.Mask}", redactor.Text($"Basic {pair}"));
    }

    [Fact]
    public void A_base_url_query_value_and_user_info_password_are_secrets()
    {
        var secrets = UrlSecrets.In(new Uri("https://user:p%40ss+w0rd@scim.example.test/v2/?access_token=q%2Btok&api-version=2&debug=true&sig=abc/def")).ToList();

        Assert.Contains("p@ss+w0rd", secrets);
        Assert.Contains("q+tok", secrets);
        Assert.Contains("abc/def", secrets);
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes("user:p@ss+w0rd")), secrets);
        // Numbers and booleans are no credential; masking them would mangle every report.
        Assert.DoesNotContain("2", secrets);
        Assert.DoesNotContain("true", secrets);
    }

    [Fact]
    public void A_session_masks_the_token_in_its_base_url()
    {
        using var session = new TargetSession(new TargetSessionOptions
        {
            Name = "url-token",
            BaseUrl = new Uri("https://scim.example.test/v2/?access_token=url+tok/en=="),
            Handler = new Support.StubHandler((_, _) => throw new InvalidOperationException("no request expected")),
        });

        var shown = session.Redactor.Text(session.Options.BaseUrl.ToString());

        Assert.DoesNotContain("url+tok", shown);
        Assert.DoesNotContain("url%2Btok", shown);
        Assert.Contains("access_token=" + Redactor.Mask, shown);
    }

    [Theory]
    [InlineData("http://user:s3cr+t@127.0.0.1:99999/scim", "s3cr+t")]
    [InlineData("socks5://u:pw+x@h:1", "pw+x")]
    [InlineData("http://user:pa/ss?word@host/scim", "pa/ss?word")]
    [InlineData("https://TOKEN-as-user-0123@host/scim", "TOKEN-as-user-0123")]
    [InlineData("ftp://host/scim/?access_token=abc+def&x=1", "abc+def")]
    public void A_url_shown_in_an_error_keeps_no_password_or_query_value(string url, string secret)
    {
        var shown = UrlSecrets.Masked(url);

        Assert.DoesNotContain(secret, shown);
        Assert.Contains(Redactor.Mask, shown);
    }

    [Fact]
    public void A_url_without_credentials_is_shown_as_given()
    {
        Assert.Equal("http://host:8080/scim/v2", UrlSecrets.Masked("http://host:8080/scim/v2"));
        Assert.Equal("http://host/users/@me", UrlSecrets.Masked("http://host/users/@me"));
    }
}
