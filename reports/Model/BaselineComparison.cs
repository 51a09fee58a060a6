namespace Scim.Conformance.Reports.Model;

/// <summary>Where a check stands against a baseline of known deviations.</summary>
public sealed record BaselineComparison
{
    public required BaselineStatus Status { get; init; }
    /// <summary>The outcome the baseline expected; null when the baseline has no entry for the check.</summary>
    public Outcome? ExpectedOutcome { get; init; }
    /// <summary>The baseline's reason for an expected deviation.</summary>
    public string? Reason { get; init; }
}

public enum BaselineStatus
{
    /// <summary>The outcome is the one the baseline expects.</summary>
    AsExpected,
    /// <summary>The outcome is worse than the baseline, or the check is new and does not pass: a regression.</summary>
    NewFailure,
    /// <summary>The baseline expected a deviation and the check now passes.</summary>
    NowPasses,
    /// <summary>The outcome differs from the baseline in another way (e.g. NotApplicable instead of Pass).</summary>
    Changed,
}
