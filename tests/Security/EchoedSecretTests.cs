using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Security;

/// <summary>Issue 16's leaks, end to end: the command-line program runs against a server that echoes the bearer token
/// everywhere it can (capabilities, bodies raw and as <c>\u002B</c>, across the 64 KiB cut of a recorded body) with a
/// second token in the base URL's query; no spelling of either token, and no first half of one, may appear in any file
/// of the output directory or on the console. Errors about a bad --base-url or --proxy never print its password.</summary>
public sealed class EchoedSecretTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-echo-");

    /// <summary>The spellings searched for (the mask knows more); each also by its first twelve characters, which is
    /// what a cut before masking would leave.</summary>
    private static IEnumerable<string> Spellings(string secret) =>
    [
        secret,
        JsonSerializer.Serialize(secret)[1..^1],
        Uri.EscapeDataString(secret),
        WebUtility.UrlEncode(secret),
        HtmlEncoder.Default.Encode(secret),
        HtmlEncoder.Default.Encode(secret).Replace("&#x2B;", "&#43;", StringComparison.Ordinal),
        WebUtility.HtmlEncode(secret),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
    ];

    private static void AssertNowhere(IEnumerable<string> secrets, IReadOnlyList<string> files, ExternalTool.Result result)
    {
        var texts = files.Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f)))
            .Append(("the console", result.StdOut + "\n" + result.StdErr)).ToList();
        foreach (var spelling in secrets.SelectMany(Spellings).Distinct())
        {
            foreach (var (name, text) in texts)
                Assert.False(text.Contains(spelling[..12], StringComparison.OrdinalIgnoreCase), $"{name} holds '{spelling[..4]}…' (a spelling of a secret, or its start)");
        }
    }

    [Fact]
    public async Task A_server_echoing_the_token_everywhere_leaves_no_spelling_of_it_in_any_output()
    {
        var token = $"tok+en/with=pad+{Guid.NewGuid():N}/x==";
        var urlToken = $"url+tok/{Guid.NewGuid():N}+q==";
        await using var server = await SecretEchoServer.StartAsync(token, TestContext.Current.CancellationToken);
        var baseUrl = $"{server.Root}scim/v2/?access_token={Uri.EscapeDataString(urlToken)}";

        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string> { ["ECHO_TOKEN"] = token },
            "run", "--base-url", baseUrl, "--token-env", "ECHO_TOKEN", "--include", "auth,discovery.spc.*,discovery.resource-types.*", "--out", "out");

        Assert.True(result.ExitCode is ExitCodes.Conforms or ExitCodes.ConformanceFailures, $"exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
        Assert.DoesNotContain("   at ", result.StdOut + result.StdErr);
        var output = Path.Combine(_dir.Path, "out");
        var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ToList();
        foreach (var format in new[] { "result.json", "report.html", "junit.xml", "summary.md", "ctrf.json" })
            Assert.Contains(files, f => Path.GetFileName(f) == format);
        AssertNowhere([token, urlToken], files, result);

        // The server did echo: the evidence shows the mask where the token was.
        var document = ResultJson.Deserialize(File.ReadAllText(Path.Combine(output, "result.json")));
        Assert.Contains(document.Capabilities, c => c.Name == "patch.echo" && c.Value == "[REDACTED]");
        Assert.Contains("access_token=[REDACTED]", document.Target.BaseUrl);
        var exchanges = document.Checks.SelectMany(c => c.Exchanges).ToList();
        Assert.Contains(exchanges, e => e.ResponseBodyTruncated && e.ResponseBody!.Contains("[REDACTED]", StringComparison.Ordinal));
        Assert.Contains(exchanges, e => e.ResponseBody?.Contains("\"echo\":\"[REDACTED]\"", StringComparison.Ordinal) == true);
        Assert.Contains("access_token=[REDACTED]", result.StdOut);
    }

    [Theory]
    [InlineData("--base-url", "http://user:s3cr+t@127.0.0.1:1/scim", "s3cr+t")]
    [InlineData("--base-url", "http://user:s3cr+t@127.0.0.1:99999/scim", "s3cr+t")]
    [InlineData("--base-url", "ftp://127.0.0.1/scim?access_token=ab+cd/ef==", "ab+cd/ef==")]
    [InlineData("--proxy", "socks5://u:pw+x@h:1", "pw+x")]
    [InlineData("--proxy", "http://u:pw+x@proxy.example.test:3128", "pw+x")]
    public async Task An_error_about_a_url_never_prints_its_password(string option, string url, string password)
    {
        string[] arguments = option == "--proxy"
            ? ["run", "--base-url", "http://127.0.0.1:1/scim", "--proxy", url, "--out", "out"]
            : ["run", option, url, "--out", "out"];

        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(), arguments);

        Assert.Equal(ExitCodes.UsageOrConfiguration, result.ExitCode);
        var line = Assert.Single(RunnerProcess.Lines(result));
        Assert.StartsWith("error:", line);
        Assert.DoesNotContain(password, line);
        Assert.DoesNotContain(Uri.EscapeDataString(password), line);
    }

    public void Dispose() => _dir.Dispose();
}
