namespace Scim.Conformance.Reports.Model;

/// <summary>RFC 2119 level of the requirement a check verifies. MUST covers MUST, SHALL, REQUIRED and their
/// negations; SHOULD covers SHOULD and RECOMMENDED; MAY covers MAY and OPTIONAL.</summary>
public enum RequirementLevel
{
    Must,
    Should,
    May,
}

public static class RequirementLevelExtensions
{
    /// <summary>The outcome a violation of a requirement at this level earns.</summary>
    public static Outcome ViolationOutcome(this RequirementLevel level) => level switch
    {
        RequirementLevel.Must => Outcome.Fail,
        RequirementLevel.Should => Outcome.Warn,
        _ => Outcome.Info,
    };

    /// <summary>The keyword as the RFCs write it.</summary>
    public static string Keyword(this RequirementLevel level) => level switch
    {
        RequirementLevel.Must => "MUST",
        RequirementLevel.Should => "SHOULD",
        _ => "MAY",
    };
}
