using Scim.Conformance.Runner.Terminal;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Execution;

/// <summary>Every check deletes what it recorded. What no ledger knows of — a create cut off after the server made the
/// resource, a create answered with something that proved nothing, a delete refused or cut off, or a run stopped
/// mid-way — is found here by the run's own prefix (only this run's resources) and deleted, within a bounded time.
/// The console then says how many of the run's resources remain, if any, and the exact command that removes them.</summary>
public static class RunEndSweep
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>True when the run must end with a sweep: it stopped early, or something of it may be left behind.</summary>
    public static bool Needed(TargetSession session, string? stopReason) =>
        !session.Options.ReadOnly && (stopReason is not null || session.MayHaveLeftSomethingBehind);

    /// <summary>Sweeps the run's prefix. Returns what remains of the run on the target (each with why); empty when
    /// nothing does.</summary>
    /// <param name="why">Why the sweep runs, for the console ("the run was stopped: …").</param>
    /// <param name="sweepCommand">The command a user runs to remove what remains.</param>
    public static async Task<IReadOnlyList<string>> RunAsync(TargetSession session, string why, RunConsole console, string sweepCommand)
    {
        var prefix = session.Prefix.Value + "-";
        using var limit = new CancellationTokenSource(Limit);
        IReadOnlyList<string> failures;
        IReadOnlyList<string> notLookedAt;
        try
        {
            var sweep = new PrefixSweep(session, limit.Token) { StopAtFirstUnanswered = true };
            var leftovers = await sweep.FindAsync(prefix);
            failures = await sweep.DeleteAsync(leftovers, prefix);
            notLookedAt = [.. sweep.Problems.Select(p => $"not looked at: {p}")];
            if (failures.Count == 0 && notLookedAt.Count == 0)
            {
                console.Note($"cleanup ({why}): {leftovers.Count} unrecorded resource(s) with prefix {prefix} deleted; nothing left behind");
                return [];
            }
        }
        catch (Exception e) when (e is HarnessException or PrerequisiteException or OperationCanceledException)
        {
            (failures, notLookedAt) = ([], [$"the sweep could not finish: {e.Message}"]);
        }
        IReadOnlyList<string> remaining = [.. failures, .. notLookedAt];
        console.Error($"cleanup ({why}) was incomplete: {(failures.Count > 0 ? $"{failures.Count} resource(s) of this run remain on the target" : "resources of this run may remain on the target")} — {string.Join("; ", remaining)}");
        console.Error($"remove them with: {sweepCommand}");
        return remaining;
    }

    /// <summary>The exact command that sweeps this run's prefix on the same target, as the user named it.</summary>
    public static string SweepCommandFor(Commands.RunCommand.Arguments arguments, TargetSession session)
    {
        var target = arguments.Target is not null
            ? $"--target {arguments.Target}{(arguments.Config is not null ? $" --config {arguments.Config}" : "")}"
            : $"--base-url {session.Redactor.Text(session.BaseUrl.ToString())}{(arguments.TokenEnv is not null ? $" --token-env {arguments.TokenEnv}" : "")}";
        return $"dotnet run --project runner -- sweep {target} --prefix {session.Prefix.Value} --yes";
    }
}
