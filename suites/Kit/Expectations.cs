using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Verdict helpers. Each states, when it fails, the violated requirement, what was expected and what
/// actually happened, in words a reader can act on; the outcome (Fail, Warn, Info) follows from the level of the
/// requirement, which is the check's unless one is given.</summary>
public sealed class Expectations
{
    /// <summary>Records that the requirement is violated; never returns.</summary>
    [DoesNotReturn]
    public VerdictException Violation(string reason, string expected, string actual, RequirementLevel? level = null) =>
        throw new VerdictException(reason, expected, actual, level);

    public void That([DoesNotReturnIf(false)] bool condition, string reason, string expected, string actual, RequirementLevel? level = null)
    {
        if (!condition)
            Violation(reason, expected, actual, level);
    }

    public void Status(ScimResponse response, int expected, string why)
    {
        if (response.Status != expected)
            Violation($"{response.Exchange.Method} {PathOf(response)} answered {response.Status}, not {expected}: {why}",
                $"HTTP {expected}", $"HTTP {response.Status}{ErrorReplies.DetailHint(response)}");
    }

    /// <summary>The body as a JSON object, or a violation saying what it was instead.</summary>
    public JsonObject JsonObject(ScimResponse response, string what)
    {
        if (response.Json is JsonObject o)
            return o;
        throw Violation($"{what} is not a JSON object", "a JSON object",
            response.JsonError ?? ScimJson.Describe(response.Json));
    }

    /// <summary>Fails once with every problem found, so a reader sees them all rather than the first.</summary>
    public void NoProblems(IReadOnlyCollection<string> problems, string reason, string expected, RequirementLevel? level = null)
    {
        if (problems.Count == 0)
            return;
        const int shown = 12;
        var listed = string.Join("; ", problems.Take(shown));
        var more = problems.Count > shown ? $"; and {problems.Count - shown} more" : "";
        Violation(reason, expected, $"{problems.Count} problem(s): {listed}{more}", level);
    }

    private static string PathOf(ScimResponse response) =>
        Uri.TryCreate(response.Exchange.Url, UriKind.Absolute, out var u) ? u.PathAndQuery : response.Exchange.Url;
}
