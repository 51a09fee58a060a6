namespace Scim.Conformance.Runner.Configuration;

/// <summary>One server to test, as configured. Holds no secret: <see cref="TokenEnv"/> and the identities only name the
/// environment variables or files that hold the secrets.</summary>
public sealed record TargetConfig
{
    public required string Name { get; init; }
    public required Uri BaseUrl { get; init; }
    public string? TokenEnv { get; init; }
    public string? Profile { get; init; }
    public int? Concurrency { get; init; }
    public double? RequestTimeoutSeconds { get; init; }
    /// <summary>At most this many requests per second to the target.</summary>
    public double? MaxRps { get; init; }
    /// <summary>The whole run stops cleanly after this many seconds.</summary>
    public double? RunTimeoutSeconds { get; init; }
    /// <summary>Run only the checks that change nothing (a production tenant).</summary>
    public bool? ReadOnly { get; init; }
    public IReadOnlyList<string> Include { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    /// <summary>How requests are authenticated (from <c>tokenEnv</c>/<c>tokenFile</c>, <c>auth</c> and <c>clientCertificate</c>); null for none.</summary>
    public IdentityConfig? Identity { get; init; }
    /// <summary>A second set of credentials (<c>secondIdentity</c>), for pagination.cursor.other-actor.</summary>
    public IdentityConfig? SecondIdentity { get; init; }
    /// <summary>A PEM file of authorities trusted in addition to the system trust store (<c>tls.caBundle</c>).</summary>
    public string? CaBundle { get; init; }
    /// <summary><c>tls.insecureSkipTlsVerify</c>: accept any server certificate (self-signed test servers only).</summary>
    public bool InsecureSkipTlsVerify { get; init; }
    /// <summary>An HTTP proxy for every request (<c>proxy</c>).</summary>
    public Uri? Proxy { get; init; }
    /// <summary>The declared owner cascade and propagation window (deactivation suite); null when not declared.</summary>
    public Suites.Kit.DeprovisioningPolicy? Deprovisioning { get; init; }
    /// <summary>How to probe an identity's credential (deactivation suite); null when not configured.</summary>
    public Suites.Kit.CredentialProbeSettings? CredentialProbe { get; init; }
    /// <summary>Members merged into every created body, by resource type (<c>resourceTemplates</c>); null when none.</summary>
    public Suites.Kit.ResourceTemplates? ResourceTemplates { get; init; }
    /// <summary><c>confirmVerdicts</c>: false leaves violations unconfirmed (no alone re-run); null when not set.</summary>
    public bool? ConfirmVerdicts { get; init; }
}
