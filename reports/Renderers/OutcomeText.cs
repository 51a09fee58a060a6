using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>How every report names, explains and orders outcomes, so that the HTML legend, the Markdown table
/// and the CI formats never disagree on what an outcome means.</summary>
public static class OutcomeText
{
    /// <summary>Outcomes in the order summary tables list them (the order of the enum: Pass first).</summary>
    public static IReadOnlyList<Outcome> All { get; } = Enum.GetValues<Outcome>();

    /// <summary>The outcomes a reader must look at: a violated requirement, or no verdict at all.</summary>
    public static IReadOnlyList<Outcome> NeedAttention { get; } = [Outcome.Fail, Outcome.Error, Outcome.Warn];

    public static string Label(Outcome outcome) => outcome switch
    {
        Outcome.NotApplicable => "Not applicable",
        _ => outcome.ToString(),
    };

    /// <summary>One sentence a non-developer can read: what the outcome says about the server.</summary>
    public static string Meaning(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "The server meets the requirement.",
        Outcome.Fail => "A MUST requirement is violated: the server does not conform on this point.",
        Outcome.Warn => "A SHOULD recommendation is not followed: the server still conforms, but clients may struggle.",
        Outcome.Info => "Optional (MAY) or unspecified behaviour, recorded for your information; not a defect.",
        Outcome.NotApplicable => "The server does not advertise the capability this check needs, so it was not judged.",
        Outcome.Skipped => "Not run: excluded from this run, or a check it depends on did not pass.",
        Outcome.Error => "The test harness or the network failed (e.g. a timeout): no verdict on the server.",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>Sort key that puts what needs attention first: Fail, Error, Warn, Info, then the rest.</summary>
    public static int WorstFirst(Outcome outcome) => outcome switch
    {
        Outcome.Fail => 0,
        Outcome.Error => 1,
        Outcome.Warn => 2,
        Outcome.Info => 3,
        Outcome.Skipped => 4,
        Outcome.NotApplicable => 5,
        _ => 6,
    };

    /// <summary>Lower-case token for CSS classes and machine-readable attributes (e.g. <c>notapplicable</c>).</summary>
    public static string Token(Outcome outcome) => outcome.ToString().ToLowerInvariant();

    /// <summary>Checks sorted so that failures come first, then by id for a stable order.</summary>
    public static IEnumerable<CheckResult> WorstFirst(IEnumerable<CheckResult> checks) =>
        checks.OrderBy(c => WorstFirst(c.Outcome)).ThenBy(c => c.Id, StringComparer.Ordinal);
}
