using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Execution;

/// <summary>The result of a run that could not finish (the target unreachable, the harness failed): the checks that
/// did finish keep their verdicts and evidence, every other selected check is an Error with the reason given. Written
/// so that a run that exits 3 still leaves reports behind saying what happened.</summary>
public static class FailedRunDocument
{
    public static ResultDocument Build(
        TargetInfo target, string profile, string runPrefix, DateTimeOffset started,
        IReadOnlyList<CheckDescriptor> catalog, Selection selection, IEnumerable<CheckResult> finished, string unfinishedReason)
    {
        var known = finished.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Last());
        var reason = EvidenceText.Cap(unfinishedReason);
        var checks = catalog
            .Select(check => known.TryGetValue(check.Id, out var result) ? result
                : selection.ExclusionReason(check) is { } excluded
                    ? CheckExecutor.NotRun(check, Profiles.LevelFor(profile, check), Outcome.Skipped, excluded)
                    : CheckExecutor.NotRun(check, Profiles.LevelFor(profile, check), Outcome.Error, reason!))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return new ResultDocument
        {
            Tool = new ToolInfo(ToolVersion.Name, ToolVersion.Version),
            Target = target,
            Profile = profile,
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            RunPrefix = runPrefix,
            Summary = Summary.Of(checks),
            Checks = checks,
        };
    }
}
