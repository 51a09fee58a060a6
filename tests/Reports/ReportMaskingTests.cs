using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Reports;

/// <summary>The mask is the last step of writing reports: it sees the final text of every file (after each
/// renderer's own encoding, attachments included) and runs before any renderer shortens a text.</summary>
public sealed class ReportMaskingTests : IDisposable
{
    private const string Token = "tok+en/with=pad+Z9/x==";
    private readonly TempDirectory _dir = new("scim-mask-");

    private static ResultDocument WithSecretEverywhere(string secret)
    {
        var sample = SampleResults.EveryOutcome();
        var failing = sample.Checks.First(c => c.Outcome == Outcome.Fail);
        // The secret sits where summary.md cuts a reason, so a renderer that cut before masking would keep its first half.
        var reason = new string('r', 230) + secret + " (echoed by the server)";
        var exchange = new Exchange
        {
            Method = "POST",
            Url = $"https://scim.example.test/v2/Users?access_token={secret}",
            RequestHeaders = new Dictionary<string, string> { ["Accept"] = "application/scim+json" },
            RequestBody = $"{{\"password\":\"{secret}\"}}",
            Status = 400,
            ResponseHeaders = new Dictionary<string, string> { ["X-Echo"] = secret },
            ResponseBody = $"{{\"detail\":\"{secret}\"}}",
            ElapsedMs = 1,
            StartedAt = SampleResults.Start,
        };
        return sample with
        {
            Target = sample.Target with { BaseUrl = $"https://scim.example.test/v2/?access_token={secret}" },
            Capabilities = [.. sample.Capabilities, new Capability("patch.echo", secret)],
            Checks = [.. sample.Checks.Select(c => c.Id == failing.Id
                ? c with { Reason = reason, Expected = secret, Actual = secret, Exchanges = [exchange], Adaptations = [secret] }
                : c)],
        };
    }

    private List<(string Name, string Text)> Files(string output) =>
        [.. Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(f => (Path.GetRelativePath(output, f), File.ReadAllText(f)))];

    [Fact]
    public void No_file_written_holds_any_spelling_or_part_of_the_secret()
    {
        var output = _dir.File("out");
        var redactor = new Redactor([Token]);

        ReportWriter.WriteAll(WithSecretEverywhere(Token), output, redactor.Text);

        var files = Files(output);
        Assert.Contains(files, f => f.Name.EndsWith("-attachment.txt", StringComparison.Ordinal));
        foreach (var (name, text) in files)
        {
            // The token's first half would remain if a renderer cut the reason before the mask ran.
            Assert.False(text.Contains("tok+en/", StringComparison.Ordinal) || text.Contains("tok\\u002Ben", StringComparison.OrdinalIgnoreCase)
                || text.Contains("tok&#x2B;en", StringComparison.OrdinalIgnoreCase) || text.Contains("tok&#43;en", StringComparison.Ordinal)
                || text.Contains("tok%2Ben", StringComparison.OrdinalIgnoreCase) || text.Contains("Z9/x", StringComparison.Ordinal),
                $"{name} holds a spelling of the token");
            Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Token)), text);
        }
        Assert.Contains(Redactor.Mask, File.ReadAllText(Path.Combine(output, "summary.md")));
        Assert.Contains(Redactor.Mask, File.ReadAllText(Path.Combine(output, "report.html")));
        // Masking kept every machine-readable file valid.
        ResultJson.Deserialize(File.ReadAllText(Path.Combine(output, "result.json")));
        System.Xml.Linq.XDocument.Parse(File.ReadAllText(Path.Combine(output, "junit.xml")));
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "ctrf.json"))).Dispose();
    }

    [Fact]
    public void The_mask_sees_each_files_final_encoded_text()
    {
        // A mask that knows only the HTML-encoded spelling: result.json (which holds the raw one) does not match it,
        // so only a pass over the written report.html can remove it.
        const string secret = "pa<ss>word-42";
        const string encoded = "pa&lt;ss&gt;word-42";
        var output = _dir.File("encoded");

        ReportWriter.WriteAll(WithSecretEverywhere(secret), output, text => text.Replace(encoded, Redactor.Mask, StringComparison.Ordinal));

        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.DoesNotContain(encoded, html);
        Assert.Contains(Redactor.Mask, html);
        Assert.Contains(secret, File.ReadAllText(Path.Combine(output, "result.json")));
    }

    [Fact]
    public void A_file_the_mask_does_not_change_is_left_as_written()
    {
        var output = _dir.File("clean");
        ReportWriter.WriteAll(SampleResults.EveryOutcome(), output, OutputMask.None);
        var before = Files(output);

        ReportWriter.WriteAll(SampleResults.EveryOutcome(), output, new Redactor([Token]).Text);

        Assert.Equal(before, Files(output));
        Assert.DoesNotContain(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories), f => f.EndsWith(".masking", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
