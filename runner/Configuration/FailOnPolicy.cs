using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Runner.Configuration;

/// <summary>Which outcomes make the run exit 1: <c>must</c> (Fail, the default), <c>should</c> (Fail or Warn),
/// <c>never</c> (report only).</summary>
public enum FailOnPolicy
{
    Must,
    Should,
    Never,
}

public static class FailOnPolicies
{
    public static FailOnPolicy Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "must" => FailOnPolicy.Must,
        "should" => FailOnPolicy.Should,
        "never" => FailOnPolicy.Never,
        _ => throw new ConfigurationException($"--fail-on takes must, should or never, not '{text}'"),
    };

    public static bool Fails(this FailOnPolicy policy, Outcome outcome) => policy switch
    {
        FailOnPolicy.Must => outcome == Outcome.Fail,
        FailOnPolicy.Should => outcome is Outcome.Fail or Outcome.Warn,
        _ => false,
    };
}
