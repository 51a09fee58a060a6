using Scim.Conformance.Runner.Configuration;

namespace Scim.Conformance.Runner.Execution;

/// <summary>Everything a run needs, resolved from the command line and the configuration file.</summary>
public sealed record RunSettings
{
    public required string TargetName { get; init; }
    /// <summary>Null for the embedded reference server.</summary>
    public Uri? BaseUrl { get; init; }
    /// <summary>The target's credentials, secrets in memory only; null for none (and for the embedded server, which makes its own).</summary>
    public Suites.Kit.TargetIdentityOptions? Identity { get; init; }
    /// <summary>The second identity, when the target configures one.</summary>
    public Suites.Kit.TargetIdentityOptions? SecondIdentity { get; init; }
    /// <summary>Server certificate trust and proxy.</summary>
    public Suites.Kit.Authentication.ConnectionSettings Connection { get; init; } = new();
    public IReadOnlyList<string> EmbeddedFaults { get; init; } = [];
    /// <summary>Delay the embedded reference server adds to every request (benchmarks).</summary>
    public TimeSpan EmbeddedLatency { get; init; } = TimeSpan.Zero;
    public string Profile { get; init; } = Suites.Kit.Profiles.Strict;
    public required Selection Selection { get; init; }
    public int Concurrency { get; init; } = 8;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>At most this many requests per second; null for no limit.</summary>
    public double? MaxRequestsPerSecond { get; init; }
    /// <summary>The whole run stops cleanly after this long; null for no limit.</summary>
    public TimeSpan? RunTimeout { get; init; }
    /// <summary>Only checks that change nothing run, and the client refuses to send a write.</summary>
    public bool ReadOnly { get; init; }
    /// <summary>Embedded reference server only: a hostile transport to put on.</summary>
    public ReferenceServer.ChaosMode EmbeddedChaos { get; init; } = ReferenceServer.ChaosMode.None;
    public required string OutputDirectory { get; init; }
    public FailOnPolicy FailOn { get; init; } = FailOnPolicy.Must;
    /// <summary>The target's declared deprovisioning policy and credential probe (deactivation suite), when configured.</summary>
    public Suites.Kit.DeprovisioningPolicy? Deprovisioning { get; init; }
    public Suites.Kit.CredentialProbeSettings? CredentialProbe { get; init; }
    /// <summary>When set, the exit code reflects differences from this baseline instead of the policy.</summary>
    public (string Path, Baselines.BaselineFile File)? Baseline { get; init; }
    /// <summary>The target's <c>resourceTemplates</c>; null when it configures none.</summary>
    public Suites.Kit.ResourceTemplates? ResourceTemplates { get; init; }
    /// <summary>Re-run every violation alone before reporting it (on unless <c>--no-confirm</c> or <c>confirmVerdicts: false</c>).</summary>
    public bool ConfirmVerdicts { get; init; } = true;
}
