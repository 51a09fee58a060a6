using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Execution;

/// <summary>
/// The confirmation pass: before a run reports a violation, the check runs once more alone — after every check of the
/// concurrent run has ended and cleaned up, one re-run after another, so nothing else is in flight. A server that
/// breaks under concurrent requests (a store that answers 500 or loses a write when two overlap) would otherwise make
/// checks of unrelated features fail as if their semantics were wrong. The alone run decides:
/// <list type="bullet">
/// <item>the same outcome: the verdict is confirmed and kept, with the concurrent run's evidence;</item>
/// <item>another verdict (usually a Pass): the result is the alone run's, and it keeps the concurrent verdict and its
/// exchanges beside it, listed among the checks unstable under concurrency — its own finding;</item>
/// <item>no verdict alone (Error, Skipped), or the run stopped first: the concurrent verdict stands, unconfirmed, with
/// a note.</item>
/// </list>
/// An Info, an Error or a Skip whose exchanges hold a server error (5xx) is re-run too, as it may be concurrency's doing. A
/// check Skipped because a prerequisite failed is run alone once that prerequisite passed alone. Each re-run creates
/// and cleans up its own data as any check does; the run's stop (Ctrl-C, the run timeout) ends the pass.
/// </summary>
public sealed class VerdictConfirmation(TargetSession session, Selection selection, int concurrency)
{
    private static readonly Outcome[] Verdicts = [Outcome.Pass, Outcome.Fail, Outcome.Warn, Outcome.Info, Outcome.NotApplicable];
    private static readonly Outcome[] PrerequisiteMet = [Outcome.Pass, Outcome.Warn, Outcome.Info];

    public const string SwitchedOff = "switched off (--no-confirm, or confirmVerdicts: false in targets.json): violations are reported as the concurrent run found them";

    public static string OneAtATime(int concurrency) =>
        $"--concurrency {concurrency}: every check already ran alone, so there is nothing to confirm";

    private const string UnmetPrerequisitePrefix = "prerequisite ";
    private const string UnmetPrerequisiteMiddle = " did not pass (";

    /// <summary>The reason of a check Skipped because a prerequisite did not pass; the pass recognises it to run the
    /// check once the prerequisite passed alone.</summary>
    public static string UnmetPrerequisite(string id, Outcome outcome) => $"{UnmetPrerequisitePrefix}{id}{UnmetPrerequisiteMiddle}{outcome})";

    /// <summary>Whether a result of the concurrent run is re-run alone.</summary>
    public static bool NeedsConfirmation(CheckResult result) =>
        result.Outcome is Outcome.Fail or Outcome.Warn
        || (result.Outcome is Outcome.Info or Outcome.Error or Outcome.Skipped
            && ServerErrorVerdicts.ServerErrorsIn(result.Exchanges).Any(e => e.Status != 503 && !IsRetryExhaustion(result)));

    /// <summary>An Error after the retries a 429 or 503 asked for ran out: the run already waited as the server asked,
    /// and running the check alone would only wait again.</summary>
    private static bool IsRetryExhaustion(CheckResult result) =>
        result.Outcome == Outcome.Error && result.Reason?.Contains("rate-limited or unavailable", StringComparison.Ordinal) == true;

    /// <summary>The summary of a run whose pass did not run, and why.</summary>
    public static ConfirmationSummary NotRun(int concurrency, string because) =>
        new() { Ran = false, Concurrency = concurrency, SkippedBecause = because };

    /// <returns>The results in the same order, confirmed or replaced, and the pass's summary.</returns>
    public async Task<(IReadOnlyList<CheckResult> Checks, ConfirmationSummary Summary)> ConfirmAsync(
        IReadOnlyList<CheckResult> results, IReadOnlyDictionary<string, CheckDescriptor> catalog,
        Func<string> stopReason, CancellationToken cancellationToken)
    {
        var final = results.ToDictionary(r => r.Id);
        var unstable = new List<UnstableCheck>();
        var (rerun, confirmed) = (0, 0);
        string? stopped = null;

        foreach (var concurrent in results.Where(NeedsConfirmation))
        {
            if (!catalog.TryGetValue(concurrent.Id, out var check))
                continue;
            if (cancellationToken.IsCancellationRequested)
            {
                stopped ??= stopReason();
                final[check.Id] = concurrent with { Confirmation = Unconfirmed($"not confirmed: the run stopped before the alone run ({stopped})") };
                continue;
            }

            var alone = await RunAloneAsync(check, cancellationToken);
            rerun++;
            if (alone.Outcome == Outcome.Error && cancellationToken.IsCancellationRequested)
            {
                stopped ??= stopReason();
                final[check.Id] = concurrent with { Confirmation = Unconfirmed($"not confirmed: the run stopped during the alone run ({stopped})") };
            }
            else if (alone.Outcome == concurrent.Outcome)
            {
                confirmed++;
                final[check.Id] = concurrent with { Confirmation = new Confirmation { Confirmed = true, Concurrency = concurrency, AloneOutcome = alone.Outcome } };
            }
            else if (!Verdicts.Contains(alone.Outcome) && Verdicts.Contains(concurrent.Outcome))
            {
                final[check.Id] = concurrent with
                {
                    Confirmation = Unconfirmed($"the alone run reached no verdict ({alone.Outcome}: {alone.Reason}); the verdict is the concurrent run's") with { AloneOutcome = alone.Outcome },
                };
            }
            else
            {
                final[check.Id] = Replaced(alone, concurrent);
                unstable.Add(new UnstableCheck(check.Id, concurrent.Outcome, alone.Outcome, concurrent.Reason));
            }
        }

        rerun += await RunUnblockedDependentsAsync(final, catalog, cancellationToken);
        var summary = new ConfirmationSummary
        {
            Ran = true,
            Concurrency = concurrency,
            Rerun = rerun,
            Confirmed = confirmed,
            Unstable = [.. unstable.OrderBy(u => u.Id, StringComparer.Ordinal)],
            Note = stopped is null ? null : $"the confirmation pass did not finish ({stopped}): the verdicts it did not reach are unconfirmed",
        };
        return ([.. results.Select(r => final[r.Id])], summary);
    }

    /// <summary>Checks Skipped only because a prerequisite failed under concurrency, whose prerequisites all pass once
    /// confirmed, run alone now (until no more become runnable: a chain of prerequisites unblocks step by step).</summary>
    private async Task<int> RunUnblockedDependentsAsync(Dictionary<string, CheckResult> final, IReadOnlyDictionary<string, CheckDescriptor> catalog, CancellationToken cancellationToken)
    {
        var count = 0;
        var progressed = true;
        while (progressed && !cancellationToken.IsCancellationRequested)
        {
            progressed = false;
            foreach (var skipped in final.Values.Where(IsSkippedByPrerequisite).OrderBy(r => r.Id, StringComparer.Ordinal).ToList())
            {
                if (!catalog.TryGetValue(skipped.Id, out var check) || !PrerequisitesMet(check, final, catalog))
                    continue;
                if (cancellationToken.IsCancellationRequested)
                    break;
                var alone = await RunAloneAsync(check, cancellationToken);
                count++;
                progressed = true;
                final[check.Id] = alone with
                {
                    Confirmation = new Confirmation
                    {
                        Confirmed = false,
                        Concurrency = concurrency,
                        AloneOutcome = alone.Outcome,
                        ConcurrentOutcome = skipped.Outcome,
                        ConcurrentReason = skipped.Reason,
                        Note = "run alone after its prerequisites passed alone",
                    },
                };
            }
        }
        return count;
    }

    private static bool IsSkippedByPrerequisite(CheckResult result) =>
        result.Outcome == Outcome.Skipped && result.Confirmation is null && result.Reason?.StartsWith(UnmetPrerequisitePrefix, StringComparison.Ordinal) == true
        && result.Reason.Contains(UnmetPrerequisiteMiddle, StringComparison.Ordinal);

    private bool PrerequisitesMet(CheckDescriptor check, Dictionary<string, CheckResult> final, IReadOnlyDictionary<string, CheckDescriptor> catalog) =>
        check.Prerequisites.All(id => !catalog.TryGetValue(id, out var prerequisite) || selection.ExclusionReason(prerequisite) is not null
            || (final.TryGetValue(id, out var result) && PrerequisiteMet.Contains(result.Outcome)));

    private Task<CheckResult> RunAloneAsync(CheckDescriptor check, CancellationToken cancellationToken) =>
        CheckExecutor.RunAsync(check, session, Profiles.LevelFor(session.Profile, check), cancellationToken: cancellationToken);

    private Confirmation Unconfirmed(string note) => new() { Confirmed = false, Concurrency = concurrency, Note = note };

    /// <summary>The alone run's result, carrying the concurrent verdict and its evidence beside its own.</summary>
    private CheckResult Replaced(CheckResult alone, CheckResult concurrent) => alone with
    {
        Confirmation = new Confirmation
        {
            Confirmed = false,
            Concurrency = concurrency,
            AloneOutcome = alone.Outcome,
            ConcurrentOutcome = concurrent.Outcome,
            ConcurrentReason = concurrent.Reason,
            ConcurrentExpected = concurrent.Expected,
            ConcurrentActual = concurrent.Actual,
            ConcurrentExchanges = concurrent.Exchanges,
        },
    };
}
