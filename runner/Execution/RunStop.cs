namespace Scim.Conformance.Runner.Execution;

/// <summary>Why and when a run stops early: Ctrl-C, SIGTERM or the run timeout. The first reason wins; checks not yet
/// started are then Skipped and running ones end in Error, both naming it, and cleanup still happens.</summary>
public sealed class RunStop : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private ITimer? _timer;
    private string? _reason;

    public CancellationToken Token => _source.Token;

    /// <summary>Null while the run goes on.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    public bool Stopped => Reason is not null;

    /// <summary>Stops the run for <paramref name="reason"/>; returns false when it was already stopping.</summary>
    public bool Stop(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is not null)
            return false;
        _source.Cancel();
        return true;
    }

    /// <summary>Stops the run once <paramref name="timeout"/> has passed on <paramref name="clock"/>.</summary>
    public void StopAfter(TimeSpan timeout, TimeProvider? clock = null)
    {
        _timer?.Dispose();
        _timer = (clock ?? TimeProvider.System).CreateTimer(
            _ => Stop($"the run timeout of {timeout.TotalSeconds:0.###} s expired"), null, timeout, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _source.Dispose();
    }
}
