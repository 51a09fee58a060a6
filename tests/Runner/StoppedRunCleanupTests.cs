using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Runner.Terminal;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.ReferenceServer;
using Scim.Conformance.Tests.Support;
using Spectre.Console;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>A run stopped part-way (what Ctrl-C, SIGTERM and the run timeout do) still ends every check with a stated
/// reason, gives no verdict it did not reach, and — after the stop's own prefix sweep — leaves the tenant empty.</summary>
public class StoppedRunCleanupTests
{
    [Fact]
    public async Task A_run_stopped_mid_way_names_the_stop_on_every_check_it_cut_and_leaves_nothing_behind()
    {
        await using var server = await EmbeddedTarget.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var session = server.CreateSession();
        using var stop = new RunStop();
        var finished = 0;
        var run = new ConformanceRun(session, new TargetInfo { Name = session.Name, BaseUrl = session.BaseUrl.ToString() },
            Selection.All(CheckCatalog.All), concurrency: 8, stop);

        // Stopped from inside the run, once a quarter of the catalog has finished: checks are then mid-way.
        var document = await run.ExecuteAsync(CheckCatalog.All,
            _ => { if (Interlocked.Increment(ref finished) == CheckCatalog.All.Count / 4) stop.Stop("stopped by the test"); },
            TestContext.Current.CancellationToken);
        var console = new StringWriter();
        await RunEndSweep.RunAsync(session, stop.Reason!, new RunConsole(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console) })), "sweep --prefix " + session.Prefix.Value);

        Assert.Equal(CheckCatalog.All.Count, document.Checks.Count);
        Assert.DoesNotContain(document.Checks, c => c.Outcome == Outcome.Fail);
        var cut = document.Checks.Where(c => c.Outcome is Outcome.Skipped or Outcome.Error && c.Reason?.Contains("stopped by the test", StringComparison.Ordinal) == true).ToList();
        Assert.True(cut.Count > CheckCatalog.All.Count / 4, $"only {cut.Count} checks were cut by the stop");
        Assert.All(document.Checks.Where(c => c.Outcome == Outcome.Error), c => Assert.StartsWith("stopped while running: stopped by the test", c.Reason));
        Assert.Contains("nothing left behind", console.ToString());
        using var http = new HttpClient();
        Assert.Empty(await Tenant.NamesAsync(new ScimTestClient(http, server.BaseUrl, server.Token)));
    }
}
