using Scim.Conformance.ReferenceServer;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// Every fault in the catalog changes what the server observably does: some answer to the fixed <see cref="ProbeSet"/>
/// differs from the correct server's. (Which checks it makes fail is the kill matrix's business; this proves that no
/// fault is a silent no-op.) A fault of what a server does without an optional feature (PATCH answered 501) shows on
/// the server without the optional features instead.
/// </summary>
public class FaultObservabilityTests(FaultObservabilityTests.CorrectAnswers correct) : IClassFixture<FaultObservabilityTests.CorrectAnswers>
{
    /// <summary>Faults of a store that breaks only when requests overlap: the probes here go one at a time, so they
    /// cannot see them; OverlappingWritesTests proves each changes answers to requests sent together, and never to one
    /// request at a time.</summary>
    private static readonly HashSet<string> SeenOnlyUnderConcurrency = ["store-fails-under-concurrent-writes", "store-loses-concurrent-patches"];

    public static TheoryData<string> FaultNames => new(FaultCatalog.All.Select(fault => fault.Name).Where(name => !SeenOnlyUnderConcurrency.Contains(name)));

    [Fact]
    public void The_faults_seen_only_under_concurrency_exist() => Assert.All(SeenOnlyUnderConcurrency, name => Assert.NotNull(FaultCatalog.Find(name)));

    [Fact]
    public async Task Two_correct_servers_answer_the_probes_identically()
    {
        // Without this, the comparison below could find differences that come from the run and not from the fault.
        using var http = new HttpClient();
        var again = await ProbeSet.RunAsync(http);

        Assert.Equal(correct.Answers, again);
    }

    [Theory]
    [MemberData(nameof(FaultNames))]
    public async Task Each_fault_changes_some_answer(string faultName)
    {
        using var http = new HttpClient();
        var faulted = await ProbeSet.RunAsync(http, faultName);

        var changed = correct.Answers.Keys.Where(probe => correct.Answers[probe] != faulted[probe]).ToList();
        if (changed.Count == 0)
        {
            var minimal = await correct.WithoutOptionalFeaturesAsync();
            var faultedMinimal = await ProbeSet.RunAsync(http, Enum.GetValues<OptionalFeature>(), faultName);
            changed = [.. minimal.Keys.Where(probe => minimal[probe] != faultedMinimal[probe]).Select(probe => probe + " (without optional features)")];
        }
        Assert.True(changed.Count > 0, $"fault {faultName} answers every probe exactly like the correct server");
        TestContext.Current.SendDiagnosticMessage($"{faultName} changes: {string.Join(", ", changed)}");
    }

    [Fact]
    public async Task All_faults_can_be_active_together()
    {
        using var http = new HttpClient();
        var everything = await ProbeSet.RunAsync(http, [.. FaultCatalog.All.Select(fault => fault.Name)]);

        Assert.NotEqual(correct.Answers, everything);
    }

    /// <summary>The correct server's answers, computed once for the whole class.</summary>
    public sealed class CorrectAnswers : IAsyncLifetime
    {
        private readonly HttpClient http = new();

        public IReadOnlyDictionary<string, string> Answers { get; private set; } = null!;

        private readonly SemaphoreSlim minimalOnce = new(1, 1);
        private IReadOnlyDictionary<string, string>? minimal;

        public async ValueTask InitializeAsync() => Answers = await ProbeSet.RunAsync(http);

        /// <summary>The correct answers of the server without optional features, probed the first time a test asks.</summary>
        public async Task<IReadOnlyDictionary<string, string>> WithoutOptionalFeaturesAsync()
        {
            await minimalOnce.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                return minimal ??= await ProbeSet.RunAsync(http, Enum.GetValues<OptionalFeature>());
            }
            finally
            {
                minimalOnce.Release();
            }
        }

        public ValueTask DisposeAsync()
        {
            http.Dispose();
            minimalOnce.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
