using System.Collections.Concurrent;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>One check's execution: its metadata, its own evidence, its own ledger of created resources, and the
/// shared session. The runner makes one per check; under xunit, <see cref="XunitTarget"/> makes it.</summary>
public sealed class CheckContext
{
    private static readonly AsyncLocal<CheckContext?> Ambient = new();
    private readonly ConcurrentQueue<Exchange> _exchanges = new();

    public CheckContext(CheckDescriptor check, TargetSession session, RequirementLevel level, CancellationToken cancellationToken)
    {
        Check = check;
        Session = session;
        Level = level;
        CancellationToken = cancellationToken;
        // Evidence is bounded as it is recorded, not only when the result is built: a check making hundreds of
        // requests to a server with huge values would otherwise hold all of them whole until it ends.
        var budget = EvidenceBudget.For(session);
        void Record(Exchange exchange) => _exchanges.Enqueue(budget.Admit(exchange));
        Client = new ScimClient(session, Record, cancellationToken);
        // Cleanup must still run when the run is interrupted or times out: its client is not tied to the run's token
        // (each DELETE is still bounded by the request timeout).
        Ledger = new ResourceLedger(new ScimClient(session, Record, CancellationToken.None));
        Resources = new ResourceFactory(this);
    }

    /// <summary>The context of the check running on this asynchronous flow, if the runner started it.</summary>
    public static CheckContext? Current
    {
        get => Ambient.Value;
        internal set => Ambient.Value = value;
    }

    public CheckDescriptor Check { get; }
    public TargetSession Session { get; }
    /// <summary>The level the check is graded at under the run's profile.</summary>
    public RequirementLevel Level { get; }
    public CancellationToken CancellationToken { get; }
    public ScimClient Client { get; }
    public ResourceLedger Ledger { get; }
    public ResourceFactory Resources { get; }
    public Expectations Expect { get; } = new();

    /// <summary>What a passing check measured and wants on record (e.g. how long a deactivation took to propagate);
    /// it becomes the result's Actual. A violation states its own.</summary>
    public string? Observation { get; set; }

    /// <summary>The reading of the agent draft's contradictions the run's profile takes.</summary>
    public AgentDraftReading AgentDraftReading => AgentDraftReadings.For(Session.Profile);

    /// <summary>Every exchange so far, in order (cleanup included), preceded by the discovery exchanges when the
    /// check relied on the shared discovery snapshot: a verdict drawn from it must carry it as evidence.</summary>
    public IReadOnlyList<Exchange> Exchanges => [.. _discoveryUsed?.Exchanges ?? [], .. _adaptationEvidence, .. _exchanges];

    /// <summary>Only the exchanges this check made itself (cleanup included), preceded by those that taught a creation
    /// rule the check's data relied on.</summary>
    public IReadOnlyList<Exchange> OwnExchanges => [.. _adaptationEvidence, .. _exchanges];

    private DiscoverySnapshot? _discoveryUsed;

    /// <summary>The shared discovery facts. A discovery check gets the documents exactly as served (it judges them);
    /// every other check gets the working view, repaired from RFC 7643 §8.7.1 where discovery was broken, and each
    /// repaired fact it reads is named among its <see cref="Adaptations"/>.</summary>
    public async Task<DiscoverySnapshot> DiscoveryAsync()
    {
        var shared = await Session.DiscoveryAsync();
        return _discoveryUsed = JudgesDiscovery(Check) ? shared.Raw : shared.ObservedBy(NoteAdaptation);
    }

    /// <summary>The working view whatever the check: the data a check creates is built from it, so a discovery check
    /// that creates resources sends the same valid bodies as every other check.</summary>
    public async Task<DiscoverySnapshot> WorkingDiscoveryAsync() => (await Session.DiscoveryAsync()).ObservedBy(NoteAdaptation);

    private readonly ConcurrentQueue<Exchange> _adaptationEvidence = new();

    /// <summary>Adds the exchanges that taught an adaptation (a learned creation rule) to this check's evidence, once.</summary>
    public void AddAdaptationEvidence(string adaptation, IReadOnlyList<Exchange> exchanges)
    {
        if (!_evidenceAdded.TryAdd(adaptation, 0))
            return;
        foreach (var exchange in exchanges)
            _adaptationEvidence.Enqueue(exchange);
    }

    private readonly ConcurrentDictionary<string, byte> _evidenceAdded = new();

    /// <summary>The checks that judge discovery documents themselves: the discovery area, and agent checks of discovery.</summary>
    public static bool JudgesDiscovery(CheckDescriptor check) =>
        check.Area == "discovery" || check.Id.Contains(".discovery.", StringComparison.Ordinal);

    private readonly ConcurrentDictionary<string, byte> _adaptations = new();

    /// <summary>What the suite did differently for this server to reach the verdict — a fallback to the RFC's own
    /// definitions, a creation rule it learned, a configured template — in the order first noted.</summary>
    public IReadOnlyList<string> Adaptations => _adaptationOrder.ToArray();

    private readonly ConcurrentQueue<string> _adaptationOrder = new();

    /// <summary>Records an adaptation once, however often it is used.</summary>
    public void NoteAdaptation(string adaptation)
    {
        if (_adaptations.TryAdd(adaptation, 0))
            _adaptationOrder.Enqueue(adaptation);
    }

    /// <summary>NotApplicable unless the ServiceProviderConfig says <paramref name="field"/> is true
    /// (e.g. <c>filter.supported</c>).</summary>
    public async Task RequireCapabilityAsync(string field)
    {
        var spc = (await DiscoveryAsync()).ServiceProviderConfig;
        var value = spc.Path(field);
        if (!value.IsTrue())
            throw new NotApplicableException($"the ServiceProviderConfig does not advertise {field} (it is {ScimJson.Describe(value)})");
    }

    /// <summary>What a per-type check found on each resource type, in the order the types were run.</summary>
    public List<ResourceTypeResult> ResourceTypeResults { get; } = [];
}
