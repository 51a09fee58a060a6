namespace Scim.Conformance.Tests.Support;

/// <summary>A clock on which every wait ends at once: a timer records the wait, moves the clock forward to its due
/// time (never backwards) and fires. Tests prove how long the client would have waited without sleeping.</summary>
public sealed class InstantClock : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public List<TimeSpan> Waits { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
            return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
            _now += by;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        DateTimeOffset due;
        lock (_lock)
        {
            Waits.Add(dueTime);
            due = _now + dueTime;
        }
        // Fired on the pool, after CreateTimer has returned, as a real timer would be.
        ThreadPool.QueueUserWorkItem(_ =>
        {
            lock (_lock)
            {
                if (_now < due)
                    _now = due;
            }
            callback(state);
        });
        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
