using Scim.Conformance.Runner.Terminal;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Execution;

/// <summary>After a run stopped early, each started check has deleted what it recorded; a request cut off mid-way
/// may still have created something unrecorded. This sweeps the run's own prefix (only this run's resources) so the
/// run leaves nothing behind, within a bounded time.</summary>
public static class InterruptedCleanup
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task RunAsync(TargetSession session, string reason, RunConsole console)
    {
        var prefix = session.Prefix.Value + "-";
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            var sweep = new PrefixSweep(session, limit.Token);
            var leftovers = await sweep.FindAsync(prefix);
            var failures = await sweep.DeleteAsync(leftovers, prefix);
            var problems = failures.Concat(sweep.Problems).ToList();
            console.Note(problems.Count == 0
                ? $"cleanup after the stop ({reason}): {leftovers.Count} unrecorded resource(s) with prefix {prefix} deleted; nothing left behind"
                : $"cleanup after the stop ({reason}) was incomplete: {string.Join("; ", problems)}; run `sweep --prefix {session.Prefix.Value} --yes` later");
        }
        catch (Exception e) when (e is HarnessException or PrerequisiteException or OperationCanceledException)
        {
            console.Note($"cleanup after the stop ({reason}) could not finish ({e.Message}); run `sweep --prefix {session.Prefix.Value} --yes` later");
        }
    }
}
