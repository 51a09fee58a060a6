namespace Scim.Conformance.Reports.Model;

/// <summary>The single source of truth of a run (<c>result.json</c>); every report renders from it.
/// Its shape is documented in <c>docs/result-schema.md</c> and versioned by <see cref="SchemaVersion"/>.</summary>
public sealed record ResultDocument
{
    /// <summary>Bumped on any change a consumer could notice: 1.x adds fields, 2.0 would change or remove.</summary>
    public const string CurrentSchemaVersion = "1.3";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required ToolInfo Tool { get; init; }
    public required TargetInfo Target { get; init; }
    public required string Profile { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    /// <summary>The run-unique prefix every resource this run created carried.</summary>
    public required string RunPrefix { get; init; }
    public required Summary Summary { get; init; }
    /// <summary>What the server advertised in <c>/ServiceProviderConfig</c>, flattened (e.g. <c>patch.supported</c> = <c>true</c>).</summary>
    public IReadOnlyList<Capability> Capabilities { get; init; } = [];
    public required IReadOnlyList<CheckResult> Checks { get; init; }
    /// <summary>Set when the run was compared with a baseline.</summary>
    public BaselineSummary? Baseline { get; init; }
    /// <summary>The specification defects the run ran into: each is touched by at least one check that reached a verdict.</summary>
    public IReadOnlyList<SpecIssue> SpecIssues { get; init; } = [];
    /// <summary>The confirmation pass (violations re-run alone), with the checks unstable under concurrency; null in
    /// documents written before it existed.</summary>
    public ConfirmationSummary? Confirmation { get; init; }
    /// <summary>What the server did that the run refused to follow to stay safe (since 1.3): requests not sent, resources
    /// not taken as the run's.</summary>
    public IReadOnlyList<SafetyFinding> SafetyFindings { get; init; } = [];
    /// <summary>Resources of this run that were still on the target when it ended (since 1.3): each a location and why it
    /// could not be removed; empty when nothing was left behind.</summary>
    public IReadOnlyList<string> Leftovers { get; init; } = [];
}

public sealed record ToolInfo(string Name, string Version);

/// <summary>The server under test. Never carries credentials: only the name of the variable that held them.</summary>
public sealed record TargetInfo
{
    public required string Name { get; init; }
    public required string BaseUrl { get; init; }
    /// <summary>True when the target is the embedded reference server.</summary>
    public bool Embedded { get; init; }
    /// <summary>Faults switched on in the embedded reference server, if any.</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];
    /// <summary>How requests were authenticated, by scheme name only (e.g. <c>oauth2-client-credentials</c>,
    /// <c>basic + client-certificate</c>, <c>none</c>); null in documents written before it was recorded.</summary>
    public string? Authentication { get; init; }
    /// <summary>The scheme of the second identity, when one was configured (pagination.cursor.other-actor).</summary>
    public string? SecondIdentity { get; init; }
    /// <summary>How the server's certificate was verified: <c>system</c> (the system trust store), <c>system+ca-bundle</c>
    /// (also the target's CA bundle) or <c>disabled</c> (insecureSkipTlsVerify: anyone could have answered); null for
    /// plain HTTP.</summary>
    public string? TlsVerification { get; init; }
    /// <summary>True when requests went through the configured HTTP proxy.</summary>
    public bool? ViaProxy { get; init; }

    /// <summary>True when TLS verification was switched off, which every report must show visibly.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool TlsUnverified => TlsVerification == TlsVerificationModes.Disabled;
}

/// <summary>The values of <see cref="TargetInfo.TlsVerification"/>.</summary>
public static class TlsVerificationModes
{
    public const string System = "system";
    public const string SystemAndCaBundle = "system+ca-bundle";
    public const string Disabled = "disabled";

    /// <summary>The banner reports show when verification was off.</summary>
    public const string DisabledWarning = "TLS certificate verification was DISABLED for this run (insecureSkipTlsVerify): the answers may not have come from the real server. Use it for self-signed test servers only.";
}

public sealed record Capability(string Name, string Value);

public sealed record BaselineSummary
{
    public required string File { get; init; }
    public IReadOnlyList<string> NewFailures { get; init; } = [];
    public IReadOnlyList<string> NowPassing { get; init; } = [];
    public IReadOnlyList<string> Changed { get; init; } = [];
    /// <summary>Baseline entries whose check no longer exists in the catalog.</summary>
    public IReadOnlyList<string> UnknownChecks { get; init; } = [];
}
