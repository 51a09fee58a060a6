namespace Scim.Conformance.Reports.Model;

/// <summary>Something a server did that the run refused to follow because following it could have touched data the
/// run does not own or sent a request outside the target's base URL: an answer naming another origin, a create
/// answered with someone else's resource, an id that cannot name a resource. Each is a finding about the server,
/// reported beside the verdicts, and the request it would have led to was never sent.</summary>
/// <param name="Kind">One of <see cref="SafetyFindingKinds"/>.</param>
/// <param name="Detail">What the server did and what the run did instead, in words (server values masked and capped).</param>
/// <param name="Check">The check during which it happened; null for the run's own steps (discovery, cleanup, sweep).</param>
public sealed record SafetyFinding(string Kind, string Detail, string? Check);

/// <summary>The kinds of <see cref="SafetyFinding"/>.</summary>
public static class SafetyFindingKinds
{
    /// <summary>A URL the server named (endpoint, Location, meta.location, $ref, redirect) lies outside the base URL.</summary>
    public const string OutsideBaseUrl = "outside-base-url";
    /// <summary>A create was answered with a resource the run cannot prove it created.</summary>
    public const string NotTheRunsResource = "not-the-runs-resource";
    /// <summary>A write or delete was about to go to a resource the run does not own.</summary>
    public const string WriteRefused = "write-refused";
    /// <summary>An id that cannot name a resource under its collection (empty, "." or "..").</summary>
    public const string UnaddressableId = "unaddressable-id";
}
