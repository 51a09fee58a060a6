namespace Scim.Conformance.Reports.Model;

/// <summary>A requirement a check judges, as the registry states it: where it is written, the level its text states,
/// how the text states it, and the level the suite grades it at (which differs when the wording is not an upper-case
/// RFC 2119 keyword, or when the text is ambiguous or contradicts itself).</summary>
public sealed record RequirementReference
{
    /// <summary>Stable ID, e.g. <c>RFC7644-3.3-CREATE-LOCATION</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The document, e.g. <c>RFC7644</c> or <c>draft-abbey-scim-agent-extension-00</c>.</summary>
    public required string Document { get; init; }
    public required string Section { get; init; }
    /// <summary>The level the text states (for a lower-case or declarative statement, the level it would have as a keyword).</summary>
    public required RequirementLevel Level { get; init; }
    /// <summary><c>keyword</c>, <c>lowercase</c>, <c>declarative</c>, <c>contradictory</c> or <c>ambiguous</c>.</summary>
    public required string Wording { get; init; }
    /// <summary>The level a violation is graded at under the strict profile.</summary>
    public required RequirementLevel GradedLevel { get; init; }
    /// <summary>The requirement in the project's words.</summary>
    public required string Text { get; init; }
    /// <summary>Why the graded level differs from the stated one; null when it does not.</summary>
    public string? Grading { get; init; }
}
