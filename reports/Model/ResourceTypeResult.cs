namespace Scim.Conformance.Reports.Model;

/// <summary>What a check found on one resource type, when it runs once per advertised type (the check's own
/// outcome is the worst of these).</summary>
public sealed record ResourceTypeResult
{
    /// <summary>The resource type's name as /ResourceTypes gives it, e.g. <c>User</c> or <c>AgenticApplication</c>.</summary>
    public required string ResourceType { get; init; }
    public required Outcome Outcome { get; init; }
    /// <summary>Why this outcome on this type (absent on a Pass unless the check notes what it tried).</summary>
    public string? Reason { get; init; }
    public string? Expected { get; init; }
    public string? Actual { get; init; }
}
