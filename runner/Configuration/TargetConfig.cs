namespace Scim.Conformance.Runner.Configuration;

/// <summary>One server to test, as configured. Holds no secret: <see cref="TokenEnv"/> names the environment
/// variable that holds the token.</summary>
public sealed record TargetConfig
{
    public required string Name { get; init; }
    public required Uri BaseUrl { get; init; }
    public string? TokenEnv { get; init; }
    public string? Profile { get; init; }
    public int? Concurrency { get; init; }
    public double? RequestTimeoutSeconds { get; init; }
    public IReadOnlyList<string> Include { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    /// <summary>The declared owner cascade and propagation window (deactivation suite); null when not declared.</summary>
    public Suites.Kit.DeprovisioningPolicy? Deprovisioning { get; init; }
    /// <summary>How to probe an identity's credential (deactivation suite); null when not configured.</summary>
    public Suites.Kit.CredentialProbeSettings? CredentialProbe { get; init; }
}
