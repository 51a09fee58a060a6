using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Baselines;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Support;

/// <summary>Every suite against a real server (SCIMMY, Better Auth) as the command line runs it — concurrency 8,
/// violations confirmed alone — compared with that server's checked-in baseline.</summary>
public static class RealServerBaseline
{
    /// <summary>The run, and each way its verdicts differ from the baseline (empty when they match).</summary>
    public static async Task<(ResultDocument Document, IReadOnlyList<string> Differences)> RunAndCompareAsync(
        string name, Uri baseUrl, string token, string baselinePath)
    {
        var baseline = BaselineFile.Load(baselinePath);
        using var session = new TargetSession(new TargetSessionOptions { Name = name, BaseUrl = baseUrl, Token = token });
        var target = new TargetInfo { Name = name, BaseUrl = baseUrl.ToString() };
        var document = await new ConformanceRun(session, target, Selection.All(CheckCatalog.All), concurrency: 8, confirmVerdicts: true)
            .ExecuteAsync(CheckCatalog.All, cancellationToken: TestContext.Current.CancellationToken);

        var compared = BaselineComparer.Compare(document, baseline, baselinePath, CheckCatalog.All.Select(c => c.Id).ToHashSet());
        var differences = compared.Checks.Where(c => c.Baseline is { Status: not BaselineStatus.AsExpected })
            .Select(c => $"{c.Id}: baseline {c.Baseline!.ExpectedOutcome}, now {c.Outcome} ({c.Reason})")
            .Concat(compared.Baseline!.UnknownChecks.Select(id => $"{id}: in the baseline, not in the catalog"))
            // An honest server gives the run nothing to refuse: every create proves itself the run's, every URL is under
            // the base URL, and nothing of the run is left behind (or the ownership rules are wrong for real servers).
            .Concat(document.SafetyFindings.Select(f => $"safety finding on an honest server: {f.Kind} in {f.Check}: {f.Detail}"))
            .Concat(session.MayHaveLeftSomethingBehind ? ["the run may have left something behind on an honest server"] : [])
            .ToList();
        return (document, differences);
    }
}
