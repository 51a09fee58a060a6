using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Baselines;
using Xunit;

namespace Scim.Conformance.Tests.Baselines;

public class BaselineComparerTests
{
    [Theory]
    [InlineData(Outcome.Pass, Outcome.Pass, BaselineStatus.AsExpected)]
    [InlineData(Outcome.Fail, Outcome.Fail, BaselineStatus.AsExpected)]
    [InlineData(Outcome.Pass, Outcome.Fail, BaselineStatus.NewFailure)]
    [InlineData(Outcome.Pass, Outcome.Warn, BaselineStatus.NewFailure)]
    [InlineData(Outcome.Warn, Outcome.Fail, BaselineStatus.NewFailure)]
    [InlineData(Outcome.Pass, Outcome.Error, BaselineStatus.NewFailure)]
    [InlineData(Outcome.Fail, Outcome.Pass, BaselineStatus.NowPasses)]
    [InlineData(Outcome.Warn, Outcome.Pass, BaselineStatus.NowPasses)]
    [InlineData(Outcome.Fail, Outcome.Warn, BaselineStatus.Changed)]
    [InlineData(Outcome.Pass, Outcome.NotApplicable, BaselineStatus.Changed)]
    [InlineData(Outcome.NotApplicable, Outcome.Pass, BaselineStatus.Changed)]
    public void Each_outcome_pair_has_one_status(Outcome expected, Outcome actual, BaselineStatus status) =>
        Assert.Equal(status, BaselineComparer.StatusOf(expected, actual));

    private static CheckResult Check(string id, Outcome outcome) =>
        new() { Id = id, Title = id, Area = "discovery", Level = RequirementLevel.Must, Outcome = outcome, Reason = outcome == Outcome.Pass ? null : "why", References = ["RFC7643 §5"] };

    private static ResultDocument Document(params CheckResult[] checks) => new()
    {
        Tool = new ToolInfo("t", "1"),
        Target = new TargetInfo { Name = "x", BaseUrl = "https://x.test" },
        Profile = "strict",
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch,
        RunPrefix = "scimct-000000",
        Summary = Summary.Of(checks),
        Checks = checks,
    };

    [Fact]
    public void A_run_is_compared_check_by_check_and_the_differences_are_listed()
    {
        var baseline = new BaselineFile
        {
            Checks =
            {
                ["a.expected-fail"] = new() { Outcome = Outcome.Fail, Reason = "RFC7643 §5 (MUST): known" },
                ["a.fixed"] = new() { Outcome = Outcome.Warn, Reason = "RFC7643 §5 (SHOULD): known" },
                ["a.gone"] = new() { Outcome = Outcome.Fail, Reason = "RFC7643 §5 (MUST): gone" },
            },
        };
        var document = Document(Check("a.expected-fail", Outcome.Fail), Check("a.fixed", Outcome.Pass), Check("a.regressed", Outcome.Fail),
            Check("a.fine", Outcome.Pass), Check("a.unselected", Outcome.Skipped));
        var selected = new HashSet<string> { "a.expected-fail", "a.fixed", "a.regressed", "a.fine" };

        var compared = BaselineComparer.Compare(document, baseline, "b.json", selected);

        Assert.Equal(["a.regressed"], compared.Baseline!.NewFailures);
        Assert.Equal(["a.fixed"], compared.Baseline.NowPassing);
        Assert.Empty(compared.Baseline.Changed);
        Assert.Equal(["a.gone"], compared.Baseline.UnknownChecks);
        Assert.True(BaselineComparer.HasDifferences(compared.Baseline));
        Assert.Equal(BaselineStatus.AsExpected, compared.Checks.Single(c => c.Id == "a.expected-fail").Baseline!.Status);
        Assert.Equal("RFC7643 §5 (MUST): known", compared.Checks.Single(c => c.Id == "a.expected-fail").Baseline!.Reason);
        Assert.Null(compared.Checks.Single(c => c.Id == "a.unselected").Baseline);
    }

    [Fact]
    public void A_run_that_matches_has_no_differences()
    {
        var baseline = new BaselineFile { Checks = { ["a.f"] = new() { Outcome = Outcome.Fail, Reason = "RFC7643 §5 (MUST): known" } } };
        var compared = BaselineComparer.Compare(Document(Check("a.f", Outcome.Fail), Check("a.p", Outcome.Pass)), baseline, "b.json", new HashSet<string> { "a.f", "a.p" });
        Assert.False(BaselineComparer.HasDifferences(compared.Baseline!));
    }

    [Fact]
    public void Writing_a_baseline_keeps_reviewed_reasons_and_marks_new_failures_unreviewed()
    {
        var previous = new BaselineFile { Checks = { ["a.same"] = new() { Outcome = Outcome.Fail, Reason = "RFC7643 §5 (MUST): reviewed" } } };
        var written = BaselineComparer.FromResult(
            Document(Check("a.same", Outcome.Fail), Check("a.new", Outcome.Warn), Check("a.ok", Outcome.Pass), Check("a.na", Outcome.NotApplicable)),
            previous, "server 1.0");

        Assert.Equal("RFC7643 §5 (MUST): reviewed", written.Checks["a.same"].Reason);
        Assert.StartsWith(BaselineFile.UnreviewedMarker, written.Checks["a.new"].Reason);
        Assert.False(written.Checks.ContainsKey("a.ok"));
        Assert.Equal(Outcome.NotApplicable, written.Checks["a.na"].Outcome);
        Assert.Equal(["a.new"], written.UnexplainedEntries());
        Assert.Equal("server 1.0", written.Target);
    }
}
