using System.Text.RegularExpressions;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Runner;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Baselines;

/// <summary>The baseline workflow end to end, as CI uses it: a baseline made from the correct server, then a run
/// against a faulty one, which must exit 1 and name exactly the checks that changed.</summary>
public class BaselineProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-baseline-run-");
    private static readonly Dictionary<string, string> NoEnvironment = new();

    [Fact]
    public async Task A_fault_against_a_baseline_of_the_correct_server_exits_1_naming_exactly_the_changed_checks()
    {
        var correct = await RunnerProcess.RunAsync(_dir.Path, NoEnvironment, "run", "--out", "correct");
        Assert.Equal(ExitCodes.Conforms, correct.ExitCode);
        var write = await RunnerProcess.RunAsync(_dir.Path, NoEnvironment, "baseline", "--from", "correct/result.json", "--out", "baseline.json");
        Assert.True(write.ExitCode == ExitCodes.Conforms, write.StdErr);

        var same = await RunnerProcess.RunAsync(_dir.Path, NoEnvironment, "run", "--baseline", "baseline.json", "--out", "same");
        Assert.True(same.ExitCode == ExitCodes.Conforms, same.StdOut + same.StdErr);

        const string faultName = "discovery-honours-paging";
        var faulty = await RunnerProcess.RunAsync(_dir.Path, NoEnvironment, "run", "--fault", faultName, "--baseline", "baseline.json", "--out", "faulty");
        Assert.Equal(ExitCodes.ConformanceFailures, faulty.ExitCode);
        var named = Regex.Matches(faulty.StdOut, @"^(NEW FAILURE|NOW PASSES|CHANGED|UNKNOWN CHECK) (\S+?):", RegexOptions.Multiline)
            .Select(m => m.Groups[2].Value).Order().ToList();
        Assert.Equal(FaultCatalog.Find(faultName)!.Demonstrates.Order().ToList(), named);
        Assert.Contains("NewFailure", await File.ReadAllTextAsync(Path.Combine(_dir.Path, "faulty", "result.json"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Writing_a_baseline_with_an_unexplained_failure_exits_2_and_the_run_refuses_it()
    {
        var run = await RunnerProcess.RunAsync(_dir.Path, NoEnvironment, "run", "--fault", "spc-without-etag", "--include", "discovery.spc.*", "--out", "r");
        Assert.Equal(ExitCodes.ConformanceFailures, run.ExitCode);
        var write = await RunnerProcess.RunAsync(_dir.Path, NoEnvironment, "baseline", "--from", "r/result.json", "--out", "b.json");
        Assert.Equal(ExitCodes.UsageOrConfiguration, write.ExitCode);
        Assert.Contains("discovery.spc.etag", write.StdErr);

        var refused = await RunnerProcess.RunAsync(_dir.Path, NoEnvironment, "run", "--baseline", "b.json");
        Assert.Equal(ExitCodes.UsageOrConfiguration, refused.ExitCode);
        Assert.Contains("discovery.spc.etag", Assert.Single(RunnerProcess.Lines(refused)));
    }

    public void Dispose() => _dir.Dispose();
}
