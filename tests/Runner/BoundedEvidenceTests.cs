using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner;
using Scim.Conformance.Runner.Commands;
using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Tests.ReferenceServer;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>Memory does not grow with what a server sends: a whole run against a server whose ids are 60,000
/// characters long (every URL, Location and body carries them) finishes with the GC heap capped at 256 MB — the
/// embedded server sharing that heap — writes every report, and report.html stays small.</summary>
public sealed class BoundedEvidenceTests : IDisposable
{
    private const long MaxReportBytes = 20 * 1024 * 1024;
    private readonly TempDirectory _dir = new("scim-bounded-");

    [Fact]
    public async Task A_full_run_against_huge_ids_finishes_under_a_256_MB_heap_with_small_reports()
    {
        var environment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" };

        // Without confirmation re-runs, so that the whole catalog fits the process time limit of the test support; two
        // checks at a time, because the embedded server shares the heap and holds what the running checks created (a
        // group of a hundred members is tens of MB here) and each large response in flight costs its text and its tree.
        // patch.group.large-membership is left out: its own data — the ids of the 1,000 users it adds to one group —
        // is 120 MB at this id length, nearly half the heap before any evidence, so it measures the check, not the caps.
        var result = await RunnerProcess.RunAsync(_dir.Path, environment,
            "run", "--chaos", "huge-ids", "--timeout", "10", "--no-confirm", "--concurrency", "2", "--exclude", LargeMembership, "--out", "out");

        var console = result.StdOut + result.StdErr;
        Assert.DoesNotContain("   at ", console);
        Assert.DoesNotContain("the run failed", console);
        var resultFile = Path.Combine(_dir.Path, "out", "result.json");
        Assert.True(File.Exists(resultFile), $"no result.json (exit {result.ExitCode}):\n{console}");
        var document = ResultJson.Deserialize(await File.ReadAllTextAsync(resultFile, TestContext.Current.CancellationToken));
        Assert.Equal(RunCommand.ExitCodeFor(document, FailOnPolicies.Parse("must")), result.ExitCode);
        Assert.Contains(document.Checks, c => c.Outcome == Outcome.Pass && c.Area == "lifecycle");
        foreach (var file in new[] { "report.html", "junit.xml", "summary.md", "ctrf.json" })
            Assert.True(File.Exists(Path.Combine(_dir.Path, "out", file)), $"{file} was not written");
        var html = new FileInfo(Path.Combine(_dir.Path, "out", "report.html")).Length;
        Assert.True(html < MaxReportBytes, $"report.html is {html / 1024 / 1024} MB");
        Assert.All(document.Checks, c => Assert.True((c.Reason?.Length ?? 0) <= EvidenceLimit && (c.Actual?.Length ?? 0) <= EvidenceLimit && (c.Expected?.Length ?? 0) <= EvidenceLimit,
            $"{c.Id} keeps a value longer than the cap"));
    }

    /// <summary>As a user meets it — the server in its own process — the runner alone lives in the 256 MB heap, and
    /// then runs at the default concurrency (8 checks at once) through the areas that create, change and read the
    /// most resources, each id 60,000 characters long.</summary>
    [Fact]
    public async Task A_run_at_the_default_concurrency_against_a_separate_huge_ids_server_finishes_under_a_256_MB_heap()
    {
        const string token = "bounded-evidence-token";
        using var server = ServerProcess.Start("--urls", "http://127.0.0.1:0", "--token", token, "--chaos", "huge-ids");
        try
        {
            var line = await server.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("the server printed nothing");
            var baseUrl = line.Split(' ').First(w => w.StartsWith("http://", StringComparison.Ordinal));
            _ = server.StandardOutput.ReadToEndAsync(CancellationToken.None);
            _ = server.StandardError.ReadToEndAsync(CancellationToken.None);
            var environment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000", ["SCIMCT_BOUNDED_TOKEN"] = token };

            var result = await RunnerProcess.RunAsync(_dir.Path, environment,
                "run", "--base-url", baseUrl, "--token-env", "SCIMCT_BOUNDED_TOKEN", "--timeout", "10", "--no-confirm",
                "--include", "lifecycle.*,patch.*,retrieval.*", "--exclude", LargeMembership, "--out", "separate");

            var console = result.StdOut + result.StdErr;
            Assert.DoesNotContain("   at ", console);
            Assert.DoesNotContain("OutOfMemory", console);
            var resultFile = Path.Combine(_dir.Path, "separate", "result.json");
            Assert.True(File.Exists(resultFile), $"no result.json (exit {result.ExitCode}):\n{console}");
            var document = ResultJson.Deserialize(await File.ReadAllTextAsync(resultFile, TestContext.Current.CancellationToken));
            Assert.Equal(RunCommand.ExitCodeFor(document, FailOnPolicies.Parse("must")), result.ExitCode);
            Assert.Contains(document.Checks, c => c.Outcome == Outcome.Pass && c.Area == "patch");
            Assert.DoesNotContain(document.Checks, c => c.Reason?.Contains("OutOfMemory", StringComparison.Ordinal) == true);
            Assert.True(File.Exists(Path.Combine(_dir.Path, "separate", "report.html")), "report.html was not written");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    private const int EvidenceLimit = EvidenceText.MaxLength + 64;

    private const string LargeMembership = "patch.group.large-membership";

    public void Dispose() => _dir.Dispose();
}
