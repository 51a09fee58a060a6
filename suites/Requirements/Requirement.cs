using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Requirements;

/// <summary>One requirement of a specification the suite judges, as the registry (requirements.json) states it.</summary>
public sealed record Requirement
{
    /// <summary>Stable ID: <c>RFC7644-3.3-CREATE-LOCATION</c>, <c>AGT-N05</c>, <c>RFC9865-…</c>; never renumbered.</summary>
    public required string Id { get; init; }
    public required string Document { get; init; }
    public required string Section { get; init; }
    /// <summary>The level the text states; for a lower-case or declarative statement, the level its keyword would have.</summary>
    public required RequirementLevel Level { get; init; }
    public required RequirementWording Wording { get; init; }
    /// <summary>The requirement in the project's own words.</summary>
    public required string Text { get; init; }
    /// <summary>Where the text is ambiguous or contradicts itself: why, and the behaviours it allows.</summary>
    public RequirementAmbiguity? Ambiguity { get; init; }
    /// <summary>What the coverage files say of the requirement beyond the checks that claim it.</summary>
    public RequirementCoverage? Coverage { get; init; }

    /// <summary>The level a violation is graded at under the strict profile. A keyword binds at its level. A lower-case
    /// keyword or a declarative statement describes the protocol without binding it (RFC 2119, RFC 8174), so a MUST
    /// written that way is graded SHOULD: departing from it is an interoperability risk, not a proven
    /// non-conformance. Where the text is ambiguous or contradicts itself, no reading is the spec's, so a violation
    /// of one reading is only recorded (Info).</summary>
    public RequirementLevel GradedLevel => Wording switch
    {
        RequirementWording.Keyword => Level,
        RequirementWording.Lowercase or RequirementWording.Declarative =>
            Level == RequirementLevel.Must ? RequirementLevel.Should : Level,
        _ => RequirementLevel.May,
    };

    /// <summary>Why <see cref="GradedLevel"/> differs from <see cref="Level"/>, in words a reader can check; null when it does not.</summary>
    public string? GradingNote => Wording switch
    {
        RequirementWording.Keyword => null,
        RequirementWording.Lowercase when Level != GradedLevel =>
            $"{Document} §{Section} writes \"{Level.Keyword().ToLowerInvariant()}\" in lower case, which carries no RFC 2119 meaning (RFC 8174): graded {GradedLevel.Keyword()}",
        RequirementWording.Declarative when Level != GradedLevel =>
            $"{Document} §{Section} states this as how the protocol works, without an RFC 2119 keyword: graded {GradedLevel.Keyword()}",
        RequirementWording.Contradictory =>
            $"{Document} §{Section} contradicts itself ({Ambiguity?.Reason ?? "two readings"}): a violation of one reading is recorded as Info",
        RequirementWording.Ambiguous =>
            $"{Document} §{Section} leaves this open ({Ambiguity?.Reason ?? "more than one reading"}): a violation of one reading is recorded as Info",
        _ => null,
    };

    /// <summary>The requirement as a result carries it.</summary>
    public RequirementReference ToReference() => new()
    {
        Id = Id,
        Document = Document,
        Section = Section,
        Level = Level,
        Wording = Wording.ToString().ToLowerInvariant(),
        GradedLevel = GradedLevel,
        Text = Text,
        Grading = GradingNote,
    };
}

/// <summary>Why a requirement's text is unclear, and the behaviours a server may defensibly show.</summary>
public sealed record RequirementAmbiguity(string Reason, IReadOnlyList<string> Allows);

/// <summary>A requirement's coverage beyond the checks that claim it: <c>partial</c> or <c>open</c>, with why.</summary>
public sealed record RequirementCoverage(string Status, string Note);
