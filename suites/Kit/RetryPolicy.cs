using System.Globalization;
using System.Net.Http.Headers;

namespace Scim.Conformance.Suites.Kit;

/// <summary>How the client answers a target that says "not now" (429 Too Many Requests, 503 Service Unavailable):
/// it waits as long as <c>Retry-After</c> asks (seconds or an HTTP date, RFC 9110 §10.2.3) or, without one, an
/// exponential back-off, then retries — at most <see cref="MaxRetries"/> times and never longer than
/// <see cref="MaxWait"/> per wait, so a hostile target cannot stall the run.</summary>
public sealed record RetryPolicy
{
    public static readonly RetryPolicy Default = new();

    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The longest single wait; a target asking for more is given up on at once.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The first wait when the target gives no Retry-After; it doubles with each retry.</summary>
    public TimeSpan InitialBackOff { get; init; } = TimeSpan.FromSeconds(1);

    public static bool IsRetryable(int status) => status is 429 or 503;

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based) and where it came from.</summary>
    public (TimeSpan Wait, string Why) WaitBefore(int retry, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        if (retryAfter?.Delta is { } delta)
            return (Clamp(delta), $"Retry-After: {delta.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}");
        if (retryAfter?.Date is { } date)
            return (Clamp(date - now), $"Retry-After: {date.ToString("R", CultureInfo.InvariantCulture)}");
        var backOff = InitialBackOff * Math.Pow(2, retry - 1);
        return (Clamp(backOff), "no Retry-After: exponential back-off");
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
}
