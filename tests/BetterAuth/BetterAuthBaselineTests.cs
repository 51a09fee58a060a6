using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Baselines;
using Scim.Conformance.Tests.Support;
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
        var (document, differences) = await RealServerBaseline.RunAndCompareAsync("betterauth", betterAuth.BaseUrl, betterAuth.Token, betterAuth.BaselinePath);
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
