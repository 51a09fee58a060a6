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
    /// <summary>The requirements the check judges, primary first, as the registry states them: document, section, the
    /// level the text states, how it states it, and the level the suite grades it at.</summary>
    public IReadOnlyList<RequirementReference> Requirements { get; init; } = [];
    /// <summary>For a check run once per advertised resource type: the outcome on each type, in discovery order;
    /// empty for a check that is not run per type.</summary>
    public IReadOnlyList<ResourceTypeResult> ResourceTypes { get; init; } = [];
    /// <summary>Which resource types the check runs on, in words (e.g. "each advertised resource type with a
    /// readOnly attribute"); null for a check that is not run per type.</summary>
    public string? AppliesTo { get; init; }
    /// <summary>What the suite did differently for this server to reach the verdict, one sentence each: a fact taken
    /// from RFC 7643 §8.7.1 because discovery was broken, a creation rule learned from a refusal, a configured
    /// resource template. Empty when the server was tested exactly as it describes itself.</summary>
    public IReadOnlyList<string> Adaptations { get; init; } = [];
    /// <summary>What running the check again alone showed, when the confirmation pass re-ran it; null otherwise.</summary>
    public Confirmation? Confirmation { get; init; }
}
