namespace Scim.Conformance.Reports.Model;

/// <summary>
/// What the confirmation pass found for one check: after the run, a check that reported a Fail or Warn (or an Info,
/// Error or Skip that followed a server error) while other checks ran beside it was run once more, alone. When the alone run gave
/// the same outcome, the verdict is <see cref="Confirmed"/>. When it reached another verdict, the result is the alone
/// run's, and the <c>Concurrent…</c> members keep the verdict and evidence the server gave under
/// <see cref="Concurrency"/> concurrent requests: the server answered the same check differently under load.
/// </summary>
public sealed record Confirmation
{
    /// <summary>True when the alone run gave the same outcome as the concurrent one, which the result keeps.</summary>
    public required bool Confirmed { get; init; }
    /// <summary>How many checks (and so requests) the run allowed at once when the first verdict was reached.</summary>
    public required int Concurrency { get; init; }
    /// <summary>The alone run's outcome; null when it could not run (the run stopped first, see <see cref="Note"/>).</summary>
    public Outcome? AloneOutcome { get; init; }
    /// <summary>The outcome under concurrency, when the result is the alone run's (not confirmed); null otherwise.</summary>
    public Outcome? ConcurrentOutcome { get; init; }
    public string? ConcurrentReason { get; init; }
    public string? ConcurrentExpected { get; init; }
    public string? ConcurrentActual { get; init; }
    /// <summary>The concurrent run's exchanges, beside the alone run's in <see cref="CheckResult.Exchanges"/>.</summary>
    public IReadOnlyList<Exchange>? ConcurrentExchanges { get; init; }
    /// <summary>Why the verdict is neither confirmed nor replaced, e.g. the run stopped before the alone run.</summary>
    public string? Note { get; init; }

    /// <summary>True when the result is the alone run's, the concurrent verdict being kept as evidence.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool VerdictReplaced => ConcurrentOutcome is not null;
}

/// <summary>The confirmation pass of a run, as a whole.</summary>
public sealed record ConfirmationSummary
{
    /// <summary>True when the pass ran; false when it was switched off or pointless (see <see cref="SkippedBecause"/>).</summary>
    public required bool Ran { get; init; }
    /// <summary>How many checks ran at once in the run.</summary>
    public required int Concurrency { get; init; }
    public string? SkippedBecause { get; init; }
    /// <summary>How many checks were run again alone.</summary>
    public int Rerun { get; init; }
    /// <summary>How many of them gave the same outcome alone.</summary>
    public int Confirmed { get; init; }
    /// <summary>The checks the server answered differently under concurrency than alone; their results hold both runs.</summary>
    public IReadOnlyList<UnstableCheck> Unstable { get; init; } = [];
    /// <summary>Set when the pass did not finish (the run stopped): the remaining verdicts are unconfirmed.</summary>
    public string? Note { get; init; }
}

/// <summary>One check the server answered differently under concurrent requests than alone.</summary>
public sealed record UnstableCheck(string Id, Outcome ConcurrentOutcome, Outcome AloneOutcome, string? ConcurrentReason);
