using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>The confirmation pass on sample checks whose second run differs from their first: a violation that passes
/// alone becomes an unstable Pass carrying the first verdict as evidence, one that fails again is confirmed, a check
/// blocked by an unstable prerequisite runs after it, and the pass stays out of the way when switched off, pointless
/// (one check at a time) or stopped.</summary>
public class VerdictConfirmationTests
{
    /// <summary>Checks for these tests only (no [Check], so xunit does not run them). Each counts its runs per check ID.</summary>
    public sealed class Samples : ScimCheck
    {
        public static readonly ConcurrentDictionary<string, int> Runs = new();

        private static int Run() => Runs.AddOrUpdate(CheckContext.Current!.Check.Id, 1, (_, n) => n + 1);

        public Task FailsOnlyTheFirstTime()
        {
            if (Run() == 1)
                throw new VerdictException("the filter matched the wrong users", "one user", "three users");
            return Task.CompletedTask;
        }

        public Task AlwaysFails()
        {
            Run();
            throw new VerdictException("the operator is wrong", "one user", "none");
        }

        /// <summary>A MAY-level observation that a server error spoils: Info, and only a 5xx makes it worth re-running.</summary>
        public async Task RecordsWhatTheServerAnswered()
        {
            Run();
            var response = await Scim.GetAsync("Users");
            Expect.That(response.Status == 200, "the list was not served", "HTTP 200", $"HTTP {response.Status}", RequirementLevel.May);
        }

        public Task Passes()
        {
            Run();
            return Task.CompletedTask;
        }
    }

    private static CheckDescriptor Sample(string method, params string[] prerequisites) => new()
    {
        Id = $"test.{Guid.NewGuid():N}.{method.ToLowerInvariant()}",
        Title = method,
        Area = "test",
        Level = RequirementLevel.Must,
        References = ["RFC7644 §0"],
        CatalogRows = [],
        Tags = [],
        Requirement = "a sample",
        Prerequisites = prerequisites,
        Method = typeof(Samples).GetMethod(method, BindingFlags.Public | BindingFlags.Instance)!,
    };

    private static async Task<ResultDocument> RunAsync(IReadOnlyList<CheckDescriptor> catalog, int concurrency = 4, bool confirm = true, RunStop? stop = null, StubHandler? handler = null)
    {
        using var session = Sessions.Over(handler ?? StubHandler.Json(HttpStatusCode.OK, "{}"));
        var target = new TargetInfo { Name = "stub", BaseUrl = session.BaseUrl.ToString() };
        return await new ConformanceRun(session, target, new Selection([], [], catalog), concurrency, stop, confirm)
            .ExecuteAsync(catalog, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static int RunsOf(CheckDescriptor check) => Samples.Runs.GetValueOrDefault(check.Id);

    [Fact]
    public async Task A_violation_that_passes_alone_is_reported_as_a_pass_unstable_under_concurrency_with_both_runs()
    {
        var flaky = Sample(nameof(Samples.FailsOnlyTheFirstTime));
        var document = await RunAsync([flaky, Sample(nameof(Samples.Passes))]);

        var result = document.Checks.Single(c => c.Id == flaky.Id);
        Assert.Equal(Outcome.Pass, result.Outcome);
        var confirmation = Assert.IsType<Confirmation>(result.Confirmation);
        Assert.False(confirmation.Confirmed);
        Assert.Equal(4, confirmation.Concurrency);
        Assert.Equal(Outcome.Fail, confirmation.ConcurrentOutcome);
        Assert.Equal(Outcome.Pass, confirmation.AloneOutcome);
        Assert.Equal("the filter matched the wrong users", confirmation.ConcurrentReason);
        Assert.Equal("one user", confirmation.ConcurrentExpected);
        Assert.Equal("three users", confirmation.ConcurrentActual);
        Assert.NotNull(confirmation.ConcurrentExchanges);
        Assert.Equal(2, RunsOf(flaky));

        var summary = Assert.IsType<ConfirmationSummary>(document.Confirmation);
        Assert.True(summary.Ran);
        Assert.Equal((1, 0), (summary.Rerun, summary.Confirmed));
        var unstable = Assert.Single(summary.Unstable);
        Assert.Equal(new UnstableCheck(flaky.Id, Outcome.Fail, Outcome.Pass, "the filter matched the wrong users"), unstable);
        Assert.Equal(0, document.Summary.Count(Outcome.Fail)); // the counts are the final verdicts'
    }

    [Fact]
    public async Task A_violation_that_fails_alone_too_is_confirmed_and_kept()
    {
        var failing = Sample(nameof(Samples.AlwaysFails));
        var passing = Sample(nameof(Samples.Passes));
        var document = await RunAsync([failing, passing]);

        var result = document.Checks.Single(c => c.Id == failing.Id);
        Assert.Equal(Outcome.Fail, result.Outcome);
        Assert.Equal("the operator is wrong", result.Reason);
        Assert.Equal(new Confirmation { Confirmed = true, Concurrency = 4, AloneOutcome = Outcome.Fail }, result.Confirmation);
        Assert.Null(document.Checks.Single(c => c.Id == passing.Id).Confirmation); // a pass is not re-run
        Assert.Equal(1, RunsOf(passing));
        Assert.Empty(document.Confirmation!.Unstable);
        Assert.Equal((1, 1), (document.Confirmation.Rerun, document.Confirmation.Confirmed));
    }

    [Fact]
    public async Task A_check_skipped_because_its_prerequisite_failed_runs_once_the_prerequisite_passes_alone()
    {
        var flaky = Sample(nameof(Samples.FailsOnlyTheFirstTime));
        var dependent = Sample(nameof(Samples.Passes), flaky.Id);
        var document = await RunAsync([flaky, dependent]);

        var result = document.Checks.Single(c => c.Id == dependent.Id);
        Assert.Equal(Outcome.Pass, result.Outcome);
        Assert.Equal(Outcome.Skipped, result.Confirmation!.ConcurrentOutcome);
        Assert.Contains(flaky.Id, result.Confirmation.ConcurrentReason);
        Assert.Equal(2, document.Confirmation!.Rerun);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(4, false)]
    public async Task The_pass_does_not_run_at_concurrency_one_nor_when_switched_off_and_says_why(int concurrency, bool confirm)
    {
        var failing = Sample(nameof(Samples.AlwaysFails));
        var document = await RunAsync([failing], concurrency, confirm);

        Assert.Equal(1, RunsOf(failing));
        Assert.Null(document.Checks.Single().Confirmation);
        Assert.False(document.Confirmation!.Ran);
        Assert.Contains(concurrency == 1 ? "--concurrency 1" : "--no-confirm", document.Confirmation.SkippedBecause);
    }

    [Fact]
    public async Task A_stopped_run_leaves_its_violations_unconfirmed_with_the_reason()
    {
        var failing = Sample(nameof(Samples.AlwaysFails));
        using var stop = new RunStop();
        using var session = Sessions.Over(StubHandler.Json(HttpStatusCode.OK, "{}"));
        var target = new TargetInfo { Name = "stub", BaseUrl = session.BaseUrl.ToString() };
        // Stopped as the concurrent run reports its last result: the pass must not start a re-run.
        var document = await new ConformanceRun(session, target, new Selection([], [], [failing]), 4, stop, confirmVerdicts: true)
            .ExecuteAsync([failing], _ => stop.Stop("the run timeout of 1 s expired"), TestContext.Current.CancellationToken);

        Assert.Equal(1, RunsOf(failing));
        var result = document.Checks.Single();
        Assert.Equal(Outcome.Fail, result.Outcome);
        Assert.False(result.Confirmation!.Confirmed);
        Assert.Contains("the run timeout of 1 s expired", result.Confirmation.Note);
        Assert.Contains("did not finish", document.Confirmation!.Note);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, 2, Outcome.Pass)]
    [InlineData(HttpStatusCode.BadRequest, 1, Outcome.Info)]
    public async Task An_info_is_re_run_only_when_a_server_error_preceded_it(HttpStatusCode firstAnswer, int runs, Outcome final)
    {
        var observation = Sample(nameof(Samples.RecordsWhatTheServerAnswered));
        var answered = 0;
        // Discovery is answered too (and, finding no resource types, probes GET /Users?count=1 for the RFC's own);
        // only the check's own first request, a plain GET /Users, gets the chosen answer.
        var handler = new StubHandler((request, _) => Task.FromResult(StubHandler.Response(
            request.RequestUri!.AbsolutePath.EndsWith("/Users", StringComparison.Ordinal) && request.RequestUri.Query.Length == 0
            && Interlocked.Increment(ref answered) == 1 ? firstAnswer : HttpStatusCode.OK, "{}")));
        var document = await RunAsync([observation], handler: handler);

        Assert.Equal(runs, RunsOf(observation));
        Assert.Equal(final, document.Checks.Single().Outcome);
    }
}
