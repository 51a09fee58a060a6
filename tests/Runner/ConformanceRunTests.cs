using System.Net;
using System.Reflection;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>The scheduler: prerequisites gate their dependents, selection leaves checks Skipped with its reason,
/// and concurrency never exceeds its bound.</summary>
public class ConformanceRunTests
{
    private static CheckDescriptor Sample(string id, string method, params string[] prerequisites) => new()
    {
        Id = id,
        Title = id,
        Area = "test",
        Level = RequirementLevel.Must,
        References = ["RFC7644 §0"],
        CatalogRows = [],
        Tags = [],
        Requirement = "a sample",
        Prerequisites = prerequisites,
        Method = typeof(CheckExecutorTests.SampleChecks).GetMethod(method, BindingFlags.Public | BindingFlags.Instance)!,
    };

    private static async Task<ResultDocument> RunAsync(IReadOnlyList<CheckDescriptor> catalog, string[] include, int concurrency = 4)
    {
        using var session = Sessions.Over(StubHandler.Json(HttpStatusCode.OK, "{}"));
        var target = new TargetInfo { Name = "stub", BaseUrl = session.BaseUrl.ToString() };
        return await new ConformanceRun(session, target, new Selection(include, [], catalog), concurrency)
            .ExecuteAsync(catalog, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_check_whose_prerequisite_fails_is_skipped_naming_it()
    {
        var catalog = new[]
        {
            Sample("test.base-fails", nameof(CheckExecutorTests.SampleChecks.Violates)),
            Sample("test.base-passes", nameof(CheckExecutorTests.SampleChecks.Passes)),
            Sample("test.dependent-on-failure", nameof(CheckExecutorTests.SampleChecks.Passes), "test.base-fails"),
            Sample("test.dependent-on-pass", nameof(CheckExecutorTests.SampleChecks.Passes), "test.base-passes"),
        };
        var document = await RunAsync(catalog, []);
        var skipped = document.Checks.Single(c => c.Id == "test.dependent-on-failure");
        Assert.Equal(Outcome.Skipped, skipped.Outcome);
        Assert.Contains("test.base-fails", skipped.Reason);
        Assert.Contains("Fail", skipped.Reason);
        Assert.Equal(Outcome.Pass, document.Checks.Single(c => c.Id == "test.dependent-on-pass").Outcome);
        Assert.Equal(4, document.Summary.Total);
    }

    [Fact]
    public async Task Unselected_checks_are_reported_skipped_with_the_selection_reason()
    {
        var catalog = new[]
        {
            Sample("test.chosen", nameof(CheckExecutorTests.SampleChecks.Passes)),
            Sample("test.other", nameof(CheckExecutorTests.SampleChecks.Violates)),
        };
        var document = await RunAsync(catalog, ["test.chosen"]);
        Assert.Equal(Outcome.Pass, document.Checks.Single(c => c.Id == "test.chosen").Outcome);
        var other = document.Checks.Single(c => c.Id == "test.other");
        Assert.Equal(Outcome.Skipped, other.Outcome);
        Assert.Contains("not selected", other.Reason);
    }

    [Fact]
    public async Task Checks_run_in_parallel_up_to_the_concurrency_bound_and_no_further()
    {
        CheckExecutorTests.SampleChecks.Overlap.Reset(expected: 3);
        var catalog = Enumerable.Range(1, 9).Select(i => Sample($"test.parallel-{i}", nameof(CheckExecutorTests.SampleChecks.Overlaps))).ToList();
        var document = await RunAsync(catalog, [], concurrency: 3);
        Assert.All(document.Checks, c => Assert.Equal(Outcome.Pass, c.Outcome));
        Assert.Equal(3, CheckExecutorTests.SampleChecks.Overlap.MaxRunning);
    }
}
