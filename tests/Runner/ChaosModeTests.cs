using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>A hostile or broken target never crashes or hangs the tool. For every chaos mode of the reference server
/// the runner, as a user starts it (its own process, with the GC heap capped at 256 MB while the server streams
/// bodies of up to 4 GiB), completes, writes its reports, ends each affected check in a clear Error or Fail with the
/// exchanges as evidence, prints no stack trace, and exits with the code the outcomes call for. A full run against
/// 60,000-character ids is in <see cref="BoundedEvidenceTests"/>.</summary>
public sealed class ChaosModeTests : IDisposable
{
    private const string Selection = "lifecycle.create.*,media.response-content-type,discovery.spc.schema-urn,discovery.spc.single-object";
    private const string HeapLimit = "0x10000000";
    private readonly TempDirectory _dir = new("scim-chaos-");

    /// <summary>What each mode must lead to: the exit code, the outcome of lifecycle.create.body (or of the check
    /// named), and words its reason must contain.</summary>
    private static readonly Dictionary<ChaosMode, (int Exit, string Check, Outcome Outcome, string Reason)> Expected = new()
    {
        [ChaosMode.Slow] = (ExitCodes.TargetUnreachableOrHarnessError, "lifecycle.create.body", Outcome.Error, "no complete response"),
        [ChaosMode.Truncated] = (ExitCodes.TargetUnreachableOrHarnessError, "lifecycle.create.body", Outcome.Error, "POST"),
        [ChaosMode.Huge] = (ExitCodes.TargetUnreachableOrHarnessError, "lifecycle.create.body", Outcome.Error, "exceeds the limit"),
        [ChaosMode.InvalidJson] = (ExitCodes.ConformanceFailures, "media.response-content-type", Outcome.Pass, ""),
        // RFC 7644 §3.1 labels responses application/scim+json with a SHOULD, and §3.8's default format is declarative:
        // a wrong or missing label is a Warn, so the run conforms under --fail-on must.
        [ChaosMode.WrongContentType] = (ExitCodes.Conforms, "media.response-content-type", Outcome.Warn, "media type"),
        [ChaosMode.MissingContentType] = (ExitCodes.Conforms, "media.response-content-type", Outcome.Warn, "media type"),
        [ChaosMode.RedirectLoop] = (ExitCodes.ConformanceFailures, "lifecycle.create.status-201", Outcome.Fail, "307"),
        [ChaosMode.ServerErrors] = (ExitCodes.ConformanceFailures, "lifecycle.create.status-201", Outcome.Fail, "500"),
        [ChaosMode.ConnectionReset] = (ExitCodes.TargetUnreachableOrHarnessError, "lifecycle.create.body", Outcome.Error, "POST"),
        [ChaosMode.RateLimitStorm] = (ExitCodes.TargetUnreachableOrHarnessError, "lifecycle.create.body", Outcome.Error, "still answered 429 to POST"),
        [ChaosMode.UnavailableStorm] = (ExitCodes.TargetUnreachableOrHarnessError, "lifecycle.create.body", Outcome.Error, "still answered 503 to POST"),
        [ChaosMode.RateLimited] = (ExitCodes.Conforms, "lifecycle.create.body", Outcome.Pass, ""),
        // Ids of 60,000 characters are allowed (RFC 7643 §3.1 sets no length); the evidence keeps them capped.
        [ChaosMode.HugeIds] = (ExitCodes.Conforms, "lifecycle.create.body", Outcome.Pass, ""),
        // The ServiceProviderConfig cannot be read reliably: §4's "returns the configuration as one object" is
        // declarative (graded SHOULD), so a Warn naming the duplicate; everything resting on discovery is Skipped.
        [ChaosMode.DuplicateKeys] = (ExitCodes.Conforms, "discovery.spc.single-object", Outcome.Warn, "\"schemas\" twice in one object"),
    };

    public static TheoryData<string> Modes => new(ChaosModes.All.Select(ChaosModes.NameOf));

    [Fact]
    public void Every_chaos_mode_has_an_expectation() => Assert.Equal(ChaosModes.All.Order(), Expected.Keys.Order());

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_run_completes_with_clear_verdicts_and_evidence(string name)
    {
        var mode = ChaosModes.Parse(name)!.Value;
        var expected = Expected[mode];
        var environment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = HeapLimit };

        var result = await RunnerProcess.RunAsync(_dir.Path, environment,
            "run", "--chaos", name, "--timeout", "5", "--include", Selection, "--out", "out");

        var console = result.StdOut + result.StdErr;
        Assert.DoesNotContain("   at ", console);
        Assert.DoesNotContain("Exception", console);
        Assert.True(result.ExitCode == expected.Exit, $"exit {result.ExitCode}, expected {expected.Exit}:\n{console}");
        var resultFile = Path.Combine(_dir.Path, "out", "result.json");
        Assert.True(File.Exists(resultFile), $"no result.json:\n{console}");
        var document = ResultJson.Deserialize(await File.ReadAllTextAsync(resultFile, TestContext.Current.CancellationToken));
        Assert.Equal(mode == ChaosMode.DuplicateKeys ? Outcome.Skipped : Outcome.Pass, document.Checks.Single(c => c.Id == "discovery.spc.schema-urn").Outcome);

        var check = document.Checks.Single(c => c.Id == expected.Check);
        Assert.True(check.Outcome == expected.Outcome, $"{check.Id} ended {check.Outcome} ({check.Reason}), expected {expected.Outcome}");
        Assert.Contains(expected.Reason, $"{check.Reason} {check.Actual}");
        foreach (var judged in document.Checks.Where(c => c.Outcome is Outcome.Error or Outcome.Fail or Outcome.Warn))
        {
            Assert.False(string.IsNullOrWhiteSpace(judged.Reason), $"{judged.Id} ended {judged.Outcome} without a reason");
            Assert.NotEmpty(judged.Exchanges);
        }
        if (mode is not (ChaosMode.RateLimited or ChaosMode.WrongContentType or ChaosMode.MissingContentType or ChaosMode.HugeIds or ChaosMode.DuplicateKeys))
            Assert.Contains(document.Checks, c => c.Id.StartsWith("lifecycle.create.", StringComparison.Ordinal) && c.Outcome is Outcome.Error or Outcome.Fail);
        if (mode is ChaosMode.RateLimitStorm or ChaosMode.UnavailableStorm or ChaosMode.RateLimited)
            Assert.Contains(document.Checks.SelectMany(c => c.Exchanges), e => e.Note?.Contains("retry 1 of 3") == true);
        if (mode == ChaosMode.RateLimited)
            Assert.DoesNotContain(document.Checks, c => c.Outcome is Outcome.Error or Outcome.Fail);
        if (mode == ChaosMode.DuplicateKeys)
        {
            var create = document.Checks.Single(c => c.Id == "lifecycle.create.body");
            Assert.Equal(Outcome.Skipped, create.Outcome);
            Assert.Contains("the resource types could not be read", create.Reason);
            Assert.Contains("twice in one object", create.Reason);
        }
        if (mode == ChaosMode.HugeIds)
        {
            // Every id the server handed out is in the evidence only cut: no exchange keeps a URL of 60,000 characters.
            Assert.All(document.Checks.SelectMany(c => c.Exchanges), e => Assert.True(e.Url.Length <= 600, $"a URL of {e.Url.Length} characters was kept"));
            Assert.Contains("characters cut", await File.ReadAllTextAsync(resultFile, TestContext.Current.CancellationToken));
        }
    }

    public void Dispose() => _dir.Dispose();
}
