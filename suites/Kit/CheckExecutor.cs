using System.Diagnostics;
using System.Reflection;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Runs one check outside xunit and grades what happened: a verdict from the check, NotApplicable or
/// Skipped from gating, Error from anything else (network, timeout, a bug in the check). Cleanup always runs.</summary>
public static class CheckExecutor
{
    public static readonly TimeSpan DefaultCheckTimeout = TimeSpan.FromMinutes(2);

    public static async Task<CheckResult> RunAsync(
        CheckDescriptor check, TargetSession session, RequirementLevel level,
        TimeSpan? checkTimeout = null, CancellationToken cancellationToken = default)
    {
        var context = new CheckContext(check, session, level, cancellationToken);
        var clock = Stopwatch.StartNew();
        var verdict = await ExecuteAsync(check, context, checkTimeout ?? DefaultCheckTimeout, cancellationToken);
        var leftovers = await context.Ledger.CleanupAsync();
        if (leftovers.Count > 0)
        {
            var note = $"cleanup could not delete {leftovers.Count} resource(s): {string.Join("; ", leftovers)}";
            verdict = verdict with { Reason = verdict.Reason is null ? note : $"{verdict.Reason} ({note})" };
        }

        // Masked first, then capped: a secret is never cut in half before the mask could see it whole, and no value a
        // server sent back (an id of 60,000 characters) grows the result without bound.
        string? Evidence(string? text) => text is null ? null : EvidenceText.Cap(session.Redactor.Text(text));
        return Describe(check, level) with
        {
            Outcome = verdict.Outcome,
            Reason = Evidence(verdict.Reason),
            Expected = Evidence(verdict.Expected),
            Actual = Evidence(verdict.Actual),
            DurationMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
            Exchanges = EvidenceBudget.For(session).Keep(NeedsDiscoveryEvidence(check, verdict.Outcome) ? context.Exchanges : context.OwnExchanges),
            ResourceTypes = EvidenceText.CapEntries([.. context.ResourceTypeResults.Select(r => r with
            {
                ResourceType = EvidenceText.Cap(session.Redactor.Text(r.ResourceType), 200)!,
                Reason = Evidence(r.Reason),
                Expected = Evidence(r.Expected),
                Actual = Evidence(r.Actual),
            })], omitted => new ResourceTypeResult
            {
                ResourceType = $"({omitted} more resource types)",
                Outcome = Outcome.Skipped,
                Reason = $"{omitted} more per-type results were left out of the record",
            }),
            Adaptations = EvidenceText.CapEntries(context.Adaptations.Select(a => Evidence(a)!).ToList(), omitted => $"… and {omitted} more adaptations"),
        };
    }

    /// <summary>The shared discovery exchanges are evidence for discovery checks and for any verdict short of a Pass
    /// (a NotApplicable names an advertised field; a violation may rest on a declared characteristic). A passing check
    /// of another area does not repeat them: a full run would otherwise carry the /Schemas body a few hundred times.</summary>
    private static bool NeedsDiscoveryEvidence(CheckDescriptor check, Outcome outcome) =>
        check.Area == "discovery" || outcome != Outcome.Pass;

    /// <summary>A result for a check that was not run.</summary>
    public static CheckResult NotRun(CheckDescriptor check, RequirementLevel level, Outcome outcome, string reason) =>
        Describe(check, level) with { Outcome = outcome, Reason = EvidenceText.Cap(reason) };

    /// <summary>The check's metadata as a result, before any outcome.</summary>
    private static CheckResult Describe(CheckDescriptor check, RequirementLevel level) => new()
    {
        Id = check.Id,
        Title = check.Title,
        Area = check.Area,
        Level = level,
        References = check.References,
        CatalogRows = check.CatalogRows,
        Tags = check.Tags,
        Requirement = check.Requirement,
        SpecIssues = check.SpecIssues,
        Requirements = [.. check.Requirements.Select(r => r.ToReference())],
        Outcome = Outcome.Skipped,
        AppliesTo = check.AppliesTo,
    };

    private sealed record Verdict(Outcome Outcome, string? Reason = null, string? Expected = null, string? Actual = null);

    private static async Task<Verdict> ExecuteAsync(CheckDescriptor check, CheckContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        object? instance = null;
        var previous = CheckContext.Current;
        CheckContext.Current = context;
        try
        {
            instance = Activator.CreateInstance(check.Method.DeclaringType!);
            if (check.Method.Invoke(instance, null) is Task task)
                await task.WaitAsync(timeout, cancellationToken);
            return new Verdict(Outcome.Pass, Actual: context.Observation);
        }
        catch (Exception e)
        {
            return Grade(Unwrap(e), context, timeout, cancellationToken);
        }
        finally
        {
            CheckContext.Current = previous;
            if (instance is IAsyncDisposable disposable)
                await disposable.DisposeAsync();
        }
    }

    /// <summary>A violation graded below the primary requirement's stated level says why (a lower-case or declarative
    /// statement, an ambiguity), so a reader never takes an Info for an oversight.</summary>
    private static string WithGrading(VerdictException v, CheckContext context) =>
        v.Level is null && context.Level == context.Check.Level && context.Check.Requirements.FirstOrDefault()?.GradingNote is { } note
            ? $"{v.Reason} [{note}]"
            : v.Reason;

    /// <summary>The worst per-type outcome, worded like any violation when a server error came first.</summary>
    private static Verdict PerTypeVerdict(PerType.PerTypeVerdictException t, CheckContext context)
    {
        if (t.Outcome is not (Outcome.Fail or Outcome.Warn or Outcome.Info))
            return new Verdict(t.Outcome, t.Reason, t.Expected, t.Actual);
        var (reason, expected, actual) = ServerErrorVerdicts.Reword(context.Check, context.OwnExchanges, t.Reason, t.Expected ?? "", t.Actual ?? "");
        return new Verdict(t.Outcome, reason, expected, actual);
    }

    /// <summary>Graded at the violation's level; when one of the check's own requests (cleanup has not run yet) was
    /// answered with a server error, the words lead with that error (see <see cref="ServerErrorVerdicts"/>).</summary>
    private static Verdict ViolationVerdict(VerdictException v, CheckContext context)
    {
        var (reason, expected, actual) = ServerErrorVerdicts.Reword(context.Check, context.OwnExchanges, WithGrading(v, context), v.Expected, v.Actual);
        return new Verdict((v.Level ?? context.Level).ViolationOutcome(), reason, expected, actual);
    }

    private static Exception Unwrap(Exception e) =>
        e is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : e;

    private static Verdict Grade(Exception e, CheckContext context, TimeSpan timeout, CancellationToken cancellationToken) => e switch
    {
        PerType.PerTypeVerdictException t => PerTypeVerdict(t, context),
        VerdictException v => ViolationVerdict(v, context),
        NotApplicableException n => new Verdict(Outcome.NotApplicable, n.Message),
        PrerequisiteException p => new Verdict(Outcome.Skipped, $"prerequisite not met: {p.Message}"),
        HarnessException h => new Verdict(Outcome.Error, h.Message),
        TimeoutException => new Verdict(Outcome.Error, $"the check did not finish within {timeout.TotalSeconds:0} s"),
        OperationCanceledException when cancellationToken.IsCancellationRequested => new Verdict(Outcome.Error, "the run was cancelled"),
        _ => new Verdict(Outcome.Error, $"harness error ({e.GetType().Name}): {FirstLine(e.Message)}"),
    };

    /// <summary>An unforeseen exception's message may carry a trace or a dump after its first line: the reason is the
    /// sentence, never the rest.</summary>
    private static string FirstLine(string message) =>
        message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
}
