using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Baselines;
using Scim.Conformance.Tests.Support;
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
        var (document, differences) = await RealServerBaseline.RunAndCompareAsync("scimmy", scimmy.BaseUrl, scimmy.Token, scimmy.BaselinePath);
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
