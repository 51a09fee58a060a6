using Scim.Conformance.Suites.Deactivation;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>The bounded polling behind the propagation measurements: it stops as soon as the state shows, never polls
/// past the window, and backs off instead of hammering the target.</summary>
public sealed class PropagationTests
{
    [Fact]
    public async Task A_state_already_reached_is_measured_after_one_probe()
    {
        var probes = 0;
        var (reached, elapsed, last) = await Propagation.UntilAsync(() => Task.FromResult(++probes), n => n >= 1, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(reached);
        Assert.Equal(1, probes);
        Assert.Equal(1, last);
        Assert.True(elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_state_that_shows_later_is_found_with_growing_pauses()
    {
        var probes = 0;
        var (reached, _, last) = await Propagation.UntilAsync(() => Task.FromResult(++probes), n => n >= 4, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(reached);
        Assert.Equal(4, last);
    }

    [Fact]
    public async Task A_state_that_never_shows_ends_at_the_window_with_few_probes()
    {
        var probes = 0;
        var window = TimeSpan.FromMilliseconds(700);
        var (reached, elapsed, _) = await Propagation.UntilAsync(() => Task.FromResult(++probes), _ => false, window, TestContext.Current.CancellationToken);
        Assert.False(reached);
        Assert.True(elapsed >= window, $"gave up after {elapsed}, before the window of {window}");
        // 100, 200, 400 ms pauses and the rest of the window: about five probes, not hundreds.
        Assert.InRange(probes, 3, 6);
    }
}
