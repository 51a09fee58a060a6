using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Runner.Terminal;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>Commands other than `run` against a server whose discovery and list answers carry a member twice (which
/// crashed them with a stack trace and exit 1), and what a command does with a failure nobody foresaw.</summary>
public sealed class HostileTargetCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-hostile-cmd-");

    [Fact]
    public async Task Sweep_against_duplicate_keys_ends_with_one_line_naming_the_duplicate_and_exit_3()
    {
        const string token = "tok+/=" + "dup";
        await using var server = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = token, Chaos = ChaosMode.DuplicateKeys },
            TestContext.Current.CancellationToken);

        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string> { ["HOSTILE_TOKEN"] = token },
            "sweep", "--base-url", server.BaseUrl.ToString(), "--token-env", "HOSTILE_TOKEN", "--yes");

        var console = result.StdOut + result.StdErr;
        Assert.Equal(ExitCodes.TargetUnreachableOrHarnessError, result.ExitCode);
        Assert.DoesNotContain("   at ", console);
        Assert.DoesNotContain("Exception", console);
        var error = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("twice in one object", error);
    }

    [Fact]
    public void An_unforeseen_failure_is_one_line_with_its_kind_and_first_line()
    {
        var line = UnexpectedFailure.Describe(new ArgumentException("An item with the same key has already been added. Key: id\n   at Somewhere()"));

        Assert.Equal("ArgumentException: An item with the same key has already been added. Key: id", line);
        Assert.Equal("InvalidOperationException: inner", UnexpectedFailure.Describe(new AggregateException(new InvalidOperationException("inner"))));
    }

    [Fact]
    public void The_reports_of_a_run_the_harness_could_not_finish_keep_what_finished_and_name_the_failure_for_the_rest()
    {
        var catalog = CheckCatalog.All.Take(3).ToList();
        var selection = new Selection([catalog[0].Id, catalog[1].Id], [], catalog, readOnly: false);
        var finished = CheckExecutor.NotRun(catalog[0], catalog[0].Level, Outcome.Pass, "done") with { Reason = null };

        var document = FailedRunDocument.Build(new TargetInfo { Name = "t", BaseUrl = "https://scim.example.test/v2" }, Profiles.Strict, "scimct-x",
            DateTimeOffset.UtcNow, catalog, selection, [finished], "not finished: the harness failed (ArgumentException: boom)");

        Assert.Equal(Outcome.Pass, document.Checks.Single(c => c.Id == catalog[0].Id).Outcome);
        var unfinished = document.Checks.Single(c => c.Id == catalog[1].Id);
        Assert.Equal(Outcome.Error, unfinished.Outcome);
        Assert.Contains("the harness failed (ArgumentException: boom)", unfinished.Reason);
        Assert.Equal(Outcome.Skipped, document.Checks.Single(c => c.Id == catalog[2].Id).Outcome);
        Assert.Equal(1, document.Summary.Count(Outcome.Error));
    }

    public void Dispose() => _dir.Dispose();
}
