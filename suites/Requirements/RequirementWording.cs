namespace Scim.Conformance.Suites.Requirements;

/// <summary>How the specification states a requirement. Only an upper-case RFC 2119 keyword binds at its own level;
/// the rest is graded lower (see <see cref="Requirement.GradedLevel"/>), so a verdict is never stronger than its text.</summary>
public enum RequirementWording
{
    /// <summary>An upper-case RFC 2119 keyword (MUST, SHALL, REQUIRED, SHOULD, RECOMMENDED, MAY, OPTIONAL, and negations).</summary>
    Keyword,
    /// <summary>The keyword in lower case ("must"): RFC 8174 says it carries no RFC 2119 meaning.</summary>
    Lowercase,
    /// <summary>An indicative statement of how the protocol works ("the server responds with …"), without a keyword.</summary>
    Declarative,
    /// <summary>Two places of the specification say different things (prose and schema, two sections).</summary>
    Contradictory,
    /// <summary>The text leaves the behaviour open: more than one reading is defensible.</summary>
    Ambiguous,
}
