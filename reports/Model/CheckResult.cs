namespace Scim.Conformance.Reports.Model;

/// <summary>The verdict of one check, with everything a reader needs to believe it.</summary>
public sealed record CheckResult
{
    /// <summary>Stable ID, never renumbered nor reused (e.g. <c>discovery.spc.schema-urn</c>).</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Area { get; init; }
    public required RequirementLevel Level { get; init; }
    /// <summary>Requirement references, e.g. <c>RFC7644 §4</c>.</summary>
    public IReadOnlyList<string> References { get; init; } = [];
    /// <summary>Rows of the requirement catalog the check covers, e.g. <c>RFC7644-4-SPC-SCHEMA</c>.</summary>
    public IReadOnlyList<string> CatalogRows { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The requirement in one sentence, in our words.</summary>
    public string? Requirement { get; init; }
    /// <summary>IDs of the specification defects the check runs into (described in <see cref="ResultDocument.SpecIssues"/>).</summary>
    public IReadOnlyList<string> SpecIssues { get; init; } = [];
    public required Outcome Outcome { get; init; }
    /// <summary>Why this outcome, in plain words (always set unless the check passed).</summary>
    public string? Reason { get; init; }
    public string? Expected { get; init; }
    public string? Actual { get; init; }
    public double DurationMs { get; init; }
    public IReadOnlyList<Exchange> Exchanges { get; init; } = [];
    /// <summary>How the outcome compares with a baseline, when the run had one; null otherwise.</summary>
    public BaselineComparison? Baseline { get; init; }
    /// <summary>What running the check again alone showed, when the confirmation pass re-ran it; null otherwise.</summary>
    public Confirmation? Confirmation { get; init; }
}
