using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Checks;

/// <summary>End to end through <see cref="ConformanceRun"/> against the reference server whose store breaks when writes
/// overlap: under 8 concurrent checks the filter and PATCH checks meet its 500s, and the confirmation pass, running each
/// alone, turns them into Passes unstable under concurrency — never into verdicts on the filter or PATCH semantics —
/// while a robustness check that fails alone too is confirmed. The fault holds a write while other requests are in
/// flight until an overlapping one arrives, so overlap does not rest on luck; and one request at a time never
/// overlaps, so every alone run is served correctly.</summary>
public class ConcurrencyFaultRunTests
{
    private static async Task<ResultDocument> RunAsync(string fault, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        await using var server = await EmbeddedTarget.StartAsync([fault]);
        using var session = server.CreateSession("reference");
        var target = new TargetInfo { Name = "reference", BaseUrl = server.BaseUrl.ToString(), Embedded = true, Faults = [fault] };
        var selection = new Selection(include, exclude, CheckCatalog.All);
        return await new ConformanceRun(session, target, selection, concurrency: 8, confirmVerdicts: true)
            .ExecuteAsync(CheckCatalog.All, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Filter_and_patch_checks_broken_by_concurrent_writes_pass_alone_and_are_reported_unstable_with_the_500_as_evidence()
    {
        var document = await RunAsync("store-fails-under-concurrent-writes", ["filter.*", "patch.*"], ["tag:heavy"]);
        var ran = document.Checks.Where(c => c.Outcome != Outcome.Skipped || c.Confirmation is not null).ToList();
        var summary = document.Confirmation!;

        Assert.True(summary.Ran);
        Assert.NotEmpty(summary.Unstable); // 8 checks creating and patching at once overlap, and overlapping writes answer 500
        foreach (var unstable in summary.Unstable)
        {
            var result = document.Checks.Single(c => c.Id == unstable.Id);
            var confirmation = result.Confirmation!;
            Assert.Equal(unstable.AloneOutcome, result.Outcome);
            Assert.Contains(confirmation.ConcurrentExchanges!, e => e.Status == 500 && e.ResponseBody!.Contains("Collection was modified"));
            // A violation after a 500 says so first, not that the operator or the PATCH semantics were wrong.
            if (confirmation.ConcurrentOutcome is Outcome.Fail or Outcome.Warn or Outcome.Info)
                Assert.StartsWith("the server answered 500 Internal Server Error to ", confirmation.ConcurrentReason);
        }
        // Alone, one request at a time, the store never fails: no filter or PATCH check keeps a violation or a server error.
        var wrong = ran.Where(c => c.Outcome is Outcome.Fail or Outcome.Warn or Outcome.Error
            || (c.Confirmation is not null && c.Exchanges.Any(e => e.Status >= 500))).Select(c => $"{c.Id}: {c.Outcome} {c.Reason}").ToList();
        Assert.True(wrong.Count == 0, $"verdicts left on the store that is correct one request at a time: {string.Join(" | ", wrong)}");
        Assert.All(summary.Unstable, u => Assert.Equal(Outcome.Pass, u.AloneOutcome));
    }

    [Fact]
    public async Task A_lost_update_caught_by_the_robustness_check_fails_alone_too_and_is_confirmed()
    {
        var document = await RunAsync("store-loses-concurrent-patches", ["robustness.concurrent-writes.no-lost-updates"], []);
        var result = document.Checks.Single(c => c.Id == "robustness.concurrent-writes.no-lost-updates");

        Assert.Equal(Outcome.Fail, result.Outcome);
        Assert.Contains("lost update", result.Reason);
        Assert.Equal(new Confirmation { Confirmed = true, Concurrency = 8, AloneOutcome = Outcome.Fail }, result.Confirmation);
        Assert.Empty(document.Confirmation!.Unstable);
    }
}
