using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Baselines;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.BetterAuth;

/// <summary>Every suite against Better Auth's SCIM plugin, a second server nobody here wrote and a stricter one than
/// SCIMMY (it refuses data a schema does not forbid, and filters only on a few attributes). Its verdicts must match
/// the checked-in baseline, whose every Fail and Warn was verified by hand against the specification.</summary>
public class BetterAuthBaselineTests(BetterAuthServer betterAuth) : IClassFixture<BetterAuthServer>
{
    [Fact]
    public async Task Every_suite_against_Better_Auth_matches_its_baseline()
    {
        var baseline = BaselineFile.Load(betterAuth.BaselinePath);
        using var session = new TargetSession(new TargetSessionOptions { Name = "betterauth", BaseUrl = betterAuth.BaseUrl, Token = betterAuth.Token });
        var target = new TargetInfo { Name = "betterauth", BaseUrl = betterAuth.BaseUrl.ToString() };
        var document = await new ConformanceRun(session, target, Selection.All(CheckCatalog.All), concurrency: 8, confirmVerdicts: true)
            .ExecuteAsync(CheckCatalog.All, cancellationToken: TestContext.Current.CancellationToken);

        var compared = BaselineComparer.Compare(document, baseline, betterAuth.BaselinePath, CheckCatalog.All.Select(c => c.Id).ToHashSet());

        var differences = compared.Checks.Where(c => c.Baseline is { Status: not BaselineStatus.AsExpected })
            .Select(c => $"{c.Id}: baseline {c.Baseline!.ExpectedOutcome}, now {c.Outcome} ({c.Reason})")
            .Concat(compared.Baseline!.UnknownChecks.Select(id => $"{id}: in the baseline, not in the catalog"))
            .ToList();
        Assert.True(differences.Count == 0, "Better Auth's verdicts differ from fixtures/betterauth/baseline.json:\n" + string.Join("\n", differences));
        Assert.DoesNotContain(document.Checks, c => c.Outcome == Outcome.Error);
    }

    [Fact]
    public void The_baseline_explains_every_expected_failure()
    {
        var baseline = BaselineFile.Load(betterAuth.BaselinePath);
        Assert.Empty(baseline.UnexplainedEntries());
        Assert.Contains(baseline.Checks, c => c.Value.Outcome is Outcome.Fail or Outcome.Warn);
    }
}
