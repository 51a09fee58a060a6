namespace Scim.Conformance.Reports.Model;

/// <summary>The graded verdict of one check. Only <see cref="Fail"/> and <see cref="Warn"/> judge the server
/// against a requirement; <see cref="Error"/> says the harness or the network failed, not the server.</summary>
public enum Outcome
{
    /// <summary>The requirement is met.</summary>
    Pass,
    /// <summary>A MUST (or SHALL, REQUIRED) requirement is violated.</summary>
    Fail,
    /// <summary>A SHOULD (or RECOMMENDED) requirement is violated; the server still conforms.</summary>
    Warn,
    /// <summary>A MAY, or behaviour the spec leaves open, recorded for the reader.</summary>
    Info,
    /// <summary>The server does not advertise the capability the check needs; the reason names the field.</summary>
    NotApplicable,
    /// <summary>Not run: excluded by selection, or a prerequisite check did not pass (the reason names it).</summary>
    Skipped,
    /// <summary>The harness, the network or a timeout failed: no verdict on the server.</summary>
    Error,
}
