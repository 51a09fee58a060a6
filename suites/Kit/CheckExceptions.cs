using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>The server violated the requirement. The outcome is graded from the level: the check's own, or the
/// <see cref="Level"/> given when one check observes two requirements of different levels.</summary>
public sealed class VerdictException(string reason, string expected, string actual, RequirementLevel? level = null)
    : Exception($"{reason}\nExpected: {expected}\nActual: {actual}")
{
    public string Reason { get; } = reason;
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
    public RequirementLevel? Level { get; } = level;
}

/// <summary>The server does not advertise what the check needs; the reason names the ServiceProviderConfig field
/// (or the discovery fact) that says so.</summary>
public sealed class NotApplicableException(string reason) : Exception(reason);

/// <summary>The check cannot run because something it builds on failed; the reason names it.</summary>
public sealed class PrerequisiteException(string reason) : Exception(reason);

/// <summary>No verdict could be reached: the network, a timeout or the harness failed.</summary>
public sealed class HarnessException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>A check's metadata is unusable (e.g. it names no requirement, so it has no level); the catalog refuses it.</summary>
public sealed class CheckMetadataException(string checkId, string problem) : Exception($"check {checkId} {problem}")
{
    public string CheckId { get; } = checkId;
}
