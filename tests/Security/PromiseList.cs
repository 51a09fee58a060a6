using Xunit;
using Xunit.Sdk;

namespace Scim.Conformance.Tests.Security;

/// <summary>
/// Checks every promise of a run and fails once at the end with all that were broken, not just the first: a run
/// against a hostile server costs seconds, and whoever fixes the tool needs to see every promise it still breaks.
/// </summary>
public sealed class PromiseList
{
    private readonly List<string> _broken = [];

    public void Check(string promise, Action assertion)
    {
        try
        {
            assertion();
        }
        catch (Exception failure) when (failure is IAssertionException)
        {
            _broken.Add($"[{promise}] {failure.Message}");
        }
    }

    public async Task CheckAsync(string promise, Func<Task> assertion)
    {
        try
        {
            await assertion();
        }
        catch (Exception failure) when (failure is IAssertionException)
        {
            _broken.Add($"[{promise}] {failure.Message}");
        }
    }

    /// <summary>Fails with every broken promise, each with its reason.</summary>
    public void AssertAllKept() =>
        Assert.True(_broken.Count == 0, $"{_broken.Count} promise(s) broken:\n" + string.Join("\n\n", _broken));
}
