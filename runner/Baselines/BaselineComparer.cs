using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Runner.Baselines;

/// <summary>Compares a run with a baseline: each check gets its baseline status, and the document gets the lists
/// of differences. A check not in the baseline is expected to pass; checks left out by selection are not compared.</summary>
public static class BaselineComparer
{
    private static readonly Outcome[] Violations = [Outcome.Fail, Outcome.Warn, Outcome.Error];

    public static ResultDocument Compare(ResultDocument document, BaselineFile baseline, string baselinePath, ISet<string> selectedIds)
    {
        var newFailures = new List<string>();
        var nowPassing = new List<string>();
        var changed = new List<string>();
        var checks = new List<CheckResult>();
        foreach (var check in document.Checks)
        {
            if (!selectedIds.Contains(check.Id))
            {
                checks.Add(check);
                continue;
            }
            var entry = baseline.Checks.GetValueOrDefault(check.Id);
            var expected = entry?.Outcome ?? Outcome.Pass;
            var status = StatusOf(expected, check.Outcome);
            (status switch
            {
                BaselineStatus.NewFailure => newFailures,
                BaselineStatus.NowPasses => nowPassing,
                BaselineStatus.Changed => changed,
                _ => null,
            })?.Add(check.Id);
            checks.Add(check with { Baseline = new BaselineComparison { Status = status, ExpectedOutcome = expected, Reason = entry?.Reason } });
        }

        var known = document.Checks.Select(c => c.Id).ToHashSet();
        return document with
        {
            Checks = checks,
            Baseline = new BaselineSummary
            {
                File = baselinePath,
                NewFailures = newFailures,
                NowPassing = nowPassing,
                Changed = changed,
                UnknownChecks = baseline.Checks.Keys.Where(id => !known.Contains(id)).OrderBy(id => id, StringComparer.Ordinal).ToList(),
            },
        };
    }

    /// <summary>True when the run differs from the baseline in any way: the exit code is then 1.</summary>
    public static bool HasDifferences(BaselineSummary summary) =>
        summary.NewFailures.Count + summary.NowPassing.Count + summary.Changed.Count + summary.UnknownChecks.Count > 0;

    public static BaselineStatus StatusOf(Outcome expected, Outcome actual)
    {
        if (expected == actual)
            return BaselineStatus.AsExpected;
        if (Violations.Contains(actual) && Severity(actual) > Severity(expected))
            return BaselineStatus.NewFailure;
        if (actual == Outcome.Pass && Violations.Contains(expected))
            return BaselineStatus.NowPasses;
        return BaselineStatus.Changed;
    }

    // Error ranks with Fail: both leave the requirement unconfirmed.
    private static int Severity(Outcome outcome) => outcome switch
    {
        Outcome.Fail or Outcome.Error => 3,
        Outcome.Warn => 2,
        _ => 0,
    };

    /// <summary>A baseline that expects exactly the outcomes of this run (non-Pass checks only). Reasons of entries
    /// whose outcome is unchanged are kept from <paramref name="previous"/>; a new expected Fail or Warn gets an
    /// UNREVIEWED reason, which <see cref="BaselineFile.Load"/> refuses until a person has read the requirement.</summary>
    public static BaselineFile FromResult(ResultDocument document, BaselineFile? previous, string? target)
    {
        var checks = new Dictionary<string, BaselineFile.BaselineEntry>(StringComparer.Ordinal);
        foreach (var check in document.Checks.Where(c => c.Outcome != Outcome.Pass))
        {
            var kept = previous?.Checks.GetValueOrDefault(check.Id) is { } old && old.Outcome == check.Outcome ? old.Reason : null;
            var reason = kept ?? (check.Outcome is Outcome.Fail or Outcome.Warn
                ? $"{BaselineFile.UnreviewedMarker}: {check.Reason} — read {string.Join(", ", check.References)} and say which requirement is violated"
                : check.Reason);
            checks[check.Id] = new BaselineFile.BaselineEntry { Outcome = check.Outcome, Reason = reason };
        }
        return new BaselineFile
        {
            Comment = previous?.Comment ?? "Expected non-Pass outcomes; a check not listed is expected to pass. Every Fail/Warn names the requirement the server violates.",
            Target = target ?? previous?.Target ?? document.Target.Name,
            Profile = document.Profile,
            Checks = checks,
        };
    }
}
