using System.Diagnostics;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>
/// Bounded polling for a state that a target may reach only after a while (its declared propagation window): the
/// probe runs at once, then again after growing pauses (100 ms doubling up to 2 s), until the state is reached or the
/// window is over — the last probe runs at the deadline, never later. The elapsed time is the measurement reported.
/// </summary>
public static class Propagation
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    /// <summary>Probes until <paramref name="reached"/> says true or <paramref name="window"/> has passed.</summary>
    /// <returns>Whether the state was reached, when (measured from the call), and the last observation.</returns>
    public static async Task<(bool Reached, TimeSpan Elapsed, T Last)> UntilAsync<T>(
        Func<Task<T>> probe, Func<T, bool> reached, TimeSpan window, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pause = FirstPause;
        while (true)
        {
            var observed = await probe();
            if (reached(observed))
                return (true, clock.Elapsed, observed);
            var left = window - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                return (false, clock.Elapsed, observed);
            if (pause >= left)
            {
                // The last pause ends at the deadline, then one last probe. Rounded up to whole milliseconds: a delay
                // under a millisecond completes at once, and looping on it would send probes without pause until
                // the deadline passed (thousands of requests to the target in the window's last instant). The timer
                // may fire a little before the stopwatch reaches the deadline, so the wait repeats (1 ms at least
                // each time) until it has: "no state within the window" is then measured over the whole window.
                for (var rest = left; rest > TimeSpan.Zero; rest = window - clock.Elapsed)
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(rest.TotalMilliseconds)), cancellationToken);
                var last = await probe();
                return (reached(last), clock.Elapsed, last);
            }
            await Task.Delay(pause, cancellationToken);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    /// <summary>Probes for the whole window and reports the first moment <paramref name="broken"/> holds, if any: how
    /// a claim that nothing happens is verified.</summary>
    public static async Task<(bool Broken, TimeSpan Elapsed, T Last)> ThroughoutAsync<T>(
        Func<Task<T>> probe, Func<T, bool> broken, TimeSpan window, CancellationToken cancellationToken)
    {
        var (reached, elapsed, last) = await UntilAsync(probe, broken, window, cancellationToken);
        return (reached, elapsed, last);
    }

    public static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} s";
}
