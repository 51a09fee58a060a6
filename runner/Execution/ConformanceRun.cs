using System.Collections.Concurrent;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Safety;

namespace Scim.Conformance.Runner.Execution;

/// <summary>Runs the catalog against one target: discovery once, then every selected check in parallel (bounded),
/// each after the checks it builds on. Produces the result document. (Reachability is the caller's first step:
/// see <see cref="TargetProbe"/>.)</summary>
/// <param name="stop">When it fires, checks not started are Skipped and running ones end in Error, naming its reason.</param>
/// <param name="confirmVerdicts">Run every violation once more alone before reporting it (<see cref="VerdictConfirmation"/>);
/// the runner's default, off here so that library callers (the kill matrix) judge the raw verdicts unless they ask.</param>
public sealed class ConformanceRun(TargetSession session, TargetInfo target, Selection selection, int concurrency, RunStop? stop = null, bool confirmVerdicts = false)
{
    private static readonly Outcome[] PrerequisiteMet = [Outcome.Pass, Outcome.Warn, Outcome.Info];

    public async Task<ResultDocument> ExecuteAsync(
        IReadOnlyList<CheckDescriptor> catalog, Action<CheckResult>? onResult = null, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop?.Token ?? CancellationToken.None);
        cancellationToken = linked.Token;
        string StopReason() => stop?.Reason ?? "the run was cancelled";
        var discovery = await session.DiscoveryAsync();
        if (!session.Options.ReadOnly)
            await OwnershipCensus.TakeAsync(session, cancellationToken);

        var byId = catalog.ToDictionary(c => c.Id);
        var gate = new SemaphoreSlim(Math.Max(1, concurrency));
        var running = new ConcurrentDictionary<string, Lazy<Task<CheckResult>>>();

        Task<CheckResult> Start(CheckDescriptor check) =>
            running.GetOrAdd(check.Id, _ => new Lazy<Task<CheckResult>>(() => RunOneAsync(check))).Value;

        async Task<CheckResult> RunOneAsync(CheckDescriptor check)
        {
            var level = Profiles.LevelFor(session.Profile, check);
            CheckResult result;
            if (selection.ExclusionReason(check) is { } excluded)
            {
                result = CheckExecutor.NotRun(check, level, Outcome.Skipped, excluded);
            }
            else if (await FirstUnmetPrerequisiteAsync(check) is { } unmet)
            {
                result = CheckExecutor.NotRun(check, level, Outcome.Skipped, unmet);
            }
            else if (!await TryEnterAsync())
            {
                result = CheckExecutor.NotRun(check, level, Outcome.Skipped, $"not started: {StopReason()}");
            }
            else
            {
                try
                {
                    result = await CheckExecutor.RunAsync(check, session, level, cancellationToken: cancellationToken);
                    if (result.Outcome == Outcome.Error && cancellationToken.IsCancellationRequested)
                        result = result with { Reason = $"stopped while running: {StopReason()} (cleanup still ran)" };
                }
                finally
                {
                    gate.Release();
                }
            }
            onResult?.Invoke(result);
            return result;
        }

        // False when the run stopped before this check got its turn.
        async Task<bool> TryEnterAsync()
        {
            try
            {
                await gate.WaitAsync(cancellationToken);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        async Task<string?> FirstUnmetPrerequisiteAsync(CheckDescriptor check)
        {
            foreach (var id in check.Prerequisites)
            {
                if (!byId.TryGetValue(id, out var prerequisite) || selection.ExclusionReason(prerequisite) is not null)
                    continue; // an unselected prerequisite is not a reason to skip: the check reports for itself
                var outcome = (await Start(prerequisite)).Outcome;
                if (!PrerequisiteMet.Contains(outcome))
                    return VerdictConfirmation.UnmetPrerequisite(id, outcome);
            }
            return null;
        }

        var results = await Task.WhenAll(catalog.Select(Start));
        var ordered = results.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var (checks, confirmation) = !confirmVerdicts ? ((IReadOnlyList<CheckResult>)ordered, VerdictConfirmation.NotRun(concurrency, VerdictConfirmation.SwitchedOff))
            : concurrency <= 1 ? (ordered, VerdictConfirmation.NotRun(concurrency, VerdictConfirmation.OneAtATime(concurrency)))
            : await new VerdictConfirmation(session, selection, concurrency).ConfirmAsync(ordered, byId, StopReason, cancellationToken);
        return new ResultDocument
        {
            Tool = new ToolInfo(ToolVersion.Name, ToolVersion.Version),
            Target = target,
            Profile = session.Profile,
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            RunPrefix = session.Prefix.Value,
            Summary = Summary.Of(checks),
            Capabilities = discovery.Capabilities(session.Redactor),
            Checks = checks,
            SpecIssues = SpecIssueCatalog.RanInto(checks),
            Confirmation = confirmation,
            SafetyFindings = [.. session.SafetyFindings],
        };
    }
}
