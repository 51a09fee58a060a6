namespace Scim.Conformance.Suites.Kit;

/// <summary>
/// What a target declares happens to the Agents of a User who leaves (targets.json <c>deprovisioning</c>), and how
/// long the change may take to show. The specifications say nothing about it, so the suite cannot grade a server by
/// them; it grades the server by its own declaration instead, and measures how long the declared state took.
/// </summary>
public sealed record DeprovisioningPolicy
{
    public const string None = "none";
    public const string DeactivateAgents = "deactivate-agents";
    public const string DeleteAgents = "delete-agents";

    /// <summary>The values each setting takes; anything else is a configuration error.</summary>
    public static IReadOnlyList<string> OwnerDeactivatedValues { get; } = [DeactivateAgents, None];
    public static IReadOnlyList<string> OwnerDeletedValues { get; } = [DeactivateAgents, DeleteAgents, None];

    /// <summary>When an owning User is deactivated: <c>deactivate-agents</c> or <c>none</c>; null when not declared.</summary>
    public string? OnOwnerDeactivated { get; init; }

    /// <summary>When an owning User is deleted: <c>deactivate-agents</c>, <c>delete-agents</c> or <c>none</c>; null when not declared.</summary>
    public string? OnOwnerDeleted { get; init; }

    /// <summary>How long, after the change, the declared state may take to show (and a credential to be refused).</summary>
    public TimeSpan PropagationWindow { get; init; } = TimeSpan.FromSeconds(DefaultPropagationSeconds);

    public const double DefaultPropagationSeconds = 5;
}

/// <summary>
/// How to test that a deactivated identity really loses access (targets.json <c>credentialProbe</c>): a token URL that
/// answers POST <c>{"subject": "&lt;Agent subject&gt;"}</c> with <c>{"access_token": …}</c> (the target's SCIM token goes
/// with it only when it is under the SCIM base URL), and either a protected URL (GET with the issued bearer token:
/// 2xx accepted, 401/403 refused) or an RFC 7662 introspection URL (POST token=…: <c>active</c> true or false).
/// </summary>
public sealed record CredentialProbeSettings
{
    public required Uri TokenUrl { get; init; }
    public Uri? ProtectedUrl { get; init; }
    public Uri? IntrospectionUrl { get; init; }
}
