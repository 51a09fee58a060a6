namespace Scim.Conformance.Suites.Kit;

/// <summary>Spaces requests to a target at most <c>requestsPerSecond</c> apart, whatever the number of checks running
/// at once: each request reserves the next free slot and waits for it. The clock is injected so that tests can prove
/// the spacing without sleeping.</summary>
public sealed class RequestPacer
{
    private readonly Lock _lock = new();
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public RequestPacer(double requestsPerSecond, TimeProvider clock)
    {
        if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
            throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), "the request rate must be a positive number");
        _interval = TimeSpan.FromSeconds(1 / requestsPerSecond);
        _clock = clock;
    }

    /// <summary>Reserves the next slot and returns how long to wait for it (zero when it is free now).</summary>
    public TimeSpan Reserve()
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            var slot = _next > now ? _next : now;
            _next = slot + _interval;
            return slot - now;
        }
    }

    /// <summary>Waits for this request's slot.</summary>
    public Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, _clock, cancellationToken);
    }
}
