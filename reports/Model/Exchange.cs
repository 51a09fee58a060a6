namespace Scim.Conformance.Reports.Model;

/// <summary>One HTTP request and its response, as a check saw them. Credentials are redacted and bodies
/// capped before an exchange is stored, so a result document never carries a secret.</summary>
public sealed record Exchange
{
    public required string Method { get; init; }
    public required string Url { get; init; }
    public IReadOnlyDictionary<string, string> RequestHeaders { get; init; } = new Dictionary<string, string>();
    public string? RequestBody { get; init; }
    public bool RequestBodyTruncated { get; init; }
    /// <summary>HTTP status code; null when no response arrived (see <see cref="Error"/>).</summary>
    public int? Status { get; init; }
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();
    public string? ResponseBody { get; init; }
    public bool ResponseBodyTruncated { get; init; }
    /// <summary>Size of the whole response body in bytes, before any truncation.</summary>
    public long? ResponseBodyBytes { get; init; }
    public double ElapsedMs { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>Why no response arrived (timeout, connection refused, ...); null when one did.</summary>
    public string? Error { get; init; }
    /// <summary>What the client did about this response, e.g. that it waited and retried after a 429; null when nothing.</summary>
    public string? Note { get; init; }
}
