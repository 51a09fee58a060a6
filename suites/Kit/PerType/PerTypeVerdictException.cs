using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit.PerType;

/// <summary>The outcome of a per-type check, already graded type by type: the worst of the types' violations, with
/// each violating type named in the reason. The executor takes the outcome as it is.</summary>
public sealed class PerTypeVerdictException(Outcome outcome, string reason, string? expected, string? actual)
    : Exception($"{reason}\nExpected: {expected}\nActual: {actual}")
{
    public Outcome Outcome { get; } = outcome;
    public string Reason { get; } = reason;
    public string? Expected { get; } = expected;
    public string? Actual { get; } = actual;
}
