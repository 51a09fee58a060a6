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
    /// <summary>At most this many requests per second to the target.</summary>
    public double? MaxRps { get; init; }
    /// <summary>The whole run stops cleanly after this many seconds.</summary>
    public double? RunTimeoutSeconds { get; init; }
    /// <summary>Run only the checks that change nothing (a production tenant).</summary>
    public bool? ReadOnly { get; init; }
    public IReadOnlyList<string> Include { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
}
