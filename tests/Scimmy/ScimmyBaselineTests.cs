using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Baselines;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Scimmy;

/// <summary>Every suite against a server nobody here wrote. Its verdicts must match the checked-in baseline, whose
/// every Fail and Warn was verified by hand against the specification: a change that breaks a verdict on a real
/// server (a check that starts failing a correct behaviour, or stops catching a real deviation) cannot land.</summary>
public class ScimmyBaselineTests(ScimmyServer scimmy) : IClassFixture<ScimmyServer>
{
    [Fact]
    public async Task Every_suite_against_SCIMMY_matches_its_baseline()
    {
        var baseline = BaselineFile.Load(scimmy.BaselinePath);
        using var session = new TargetSession(new TargetSessionOptions { Name = "scimmy", BaseUrl = scimmy.BaseUrl, Token = scimmy.Token });
        var target = new TargetInfo { Name = "scimmy", BaseUrl = scimmy.BaseUrl.ToString() };
        var document = await new ConformanceRun(session, target, Selection.All(CheckCatalog.All), concurrency: 8, confirmVerdicts: true)
            .ExecuteAsync(CheckCatalog.All, cancellationToken: TestContext.Current.CancellationToken);

        var compared = BaselineComparer.Compare(document, baseline, scimmy.BaselinePath, CheckCatalog.All.Select(c => c.Id).ToHashSet());

        var differences = compared.Checks.Where(c => c.Baseline is { Status: not BaselineStatus.AsExpected })
            .Select(c => $"{c.Id}: baseline {c.Baseline!.ExpectedOutcome}, now {c.Outcome} ({c.Reason})")
            .Concat(compared.Baseline!.UnknownChecks.Select(id => $"{id}: in the baseline, not in the catalog"))
            .ToList();
        Assert.True(differences.Count == 0, "SCIMMY's verdicts differ from fixtures/scimmy/baseline.json:\n" + string.Join("\n", differences));
        Assert.DoesNotContain(document.Checks, c => c.Outcome == Outcome.Error);
    }

    [Fact]
    public void The_baseline_explains_every_expected_failure()
    {
        var baseline = BaselineFile.Load(scimmy.BaselinePath);
        Assert.Empty(baseline.UnexplainedEntries());
        Assert.Contains(baseline.Checks, c => c.Value.Outcome is Outcome.Fail or Outcome.Warn);
    }
}
