using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Requirements;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Base class of every class of checks. It hands a check its client, verdict helpers, ledger and the
/// discovered server description, whether the runner or xunit is running it.</summary>
public abstract class ScimCheck : IAsyncDisposable
{
    private CheckContext? _context;
    private bool _ownsContext;

    protected CheckContext Context
    {
        get
        {
            if (_context is not null)
                return _context;
            _context = CheckContext.Current;
            if (_context is null)
            {
                // Run by xunit (an IDE, `dotnet test suites`): this instance owns its context and cleans it up.
                _context = XunitTarget.CreateContextForCurrentTest();
                _ownsContext = true;
            }
            return _context;
        }
    }

    protected ScimClient Scim => Context.Client;
    protected Expectations Expect => Context.Expect;
    protected ResourceLedger Ledger => Context.Ledger;
    protected ResourceFactory Resources => Context.Resources;
    protected TargetSession Target => Context.Session;

    protected Task<DiscoverySnapshot> DiscoveryAsync() => Context.DiscoveryAsync();

    /// <summary>The graded level of a second requirement the check judges beside its primary one, for a violation of
    /// that requirement: the level comes from the registry, never from the check. (A check names it in its <c>Rows</c>;
    /// a helper shared by several checks may judge one for all of them.)</summary>
    protected static RequirementLevel LevelOf(string requirementId) =>
        RequirementRegistry.Find(requirementId)?.GradedLevel
            ?? throw new InvalidOperationException($"the requirement {requirementId} is not in the registry");

    protected Task RequireCapabilityAsync(string field) => Context.RequireCapabilityAsync(field);

    /// <summary>The resource type whose core schema is <paramref name="schemaUrn"/>; NotApplicable when the server
    /// exposes none (e.g. a server without Groups).</summary>
    protected async Task<System.Text.Json.Nodes.JsonObject> ResourceTypeAsync(string schemaUrn) =>
        (await DiscoveryAsync()).ResourceTypeBySchema(schemaUrn)
        ?? throw new NotApplicableException($"/ResourceTypes lists no resource type with schema {schemaUrn}");

    /// <summary>Every resource type the server exposes; a check over "all types" runs for each.</summary>
    protected async Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> ResourceTypesAsync()
    {
        var types = (await DiscoveryAsync()).ResourceTypes;
        return types.Count > 0 ? types : throw new NotApplicableException("/ResourceTypes lists no resource type");
    }

    /// <summary>Runs <paramref name="body"/> once per advertised resource type that has what the check's
    /// <see cref="CheckAttribute.TypeNeeds"/> list; each type is graded on its own and the check takes the worst.
    /// Inside the body, a verdict (Expect…) ends that type's run only.</summary>
    protected Task ForEachResourceTypeAsync(Func<PerType.ResourceTypeUnderTest, Task> body) => PerType.PerTypeRun.RunAsync(Context, body);

    /// <summary>GET {endpoint}?{query} read as a ListResponse page.</summary>
    protected async Task<ListPage> ListAsync(System.Text.Json.Nodes.JsonObject resourceType, string query) =>
        new(await Scim.GetAsync($"{ResourceFactory.EndpointOf(resourceType).TrimStart('/')}?{query}"));

    /// <summary>The query string for a filter (URL-encoded) plus any further parameters.</summary>
    protected static string FilterQuery(string filter, string more = "") =>
        $"filter={Uri.EscapeDataString(filter)}{(more.Length > 0 ? "&" + more : "")}";

    /// <summary>GET {endpoint}/{id}{query}: a fresh read, so that a server which only echoes writes is caught.</summary>
    protected Task<ScimResponse> ReadAsync(System.Text.Json.Nodes.JsonObject resourceType, string id, string query = "") =>
        Scim.GetAsync(PathOf(resourceType, id) + query);

    /// <summary>The id the server gave a resource it returned.</summary>
    protected static string IdOf(System.Text.Json.Nodes.JsonObject resource) => resource.StringMember("id")!;

    /// <summary>{endpoint}/{id} of a resource, relative to the base URL.</summary>
    protected static string PathOf(System.Text.Json.Nodes.JsonObject resourceType, string id) =>
        $"{ResourceFactory.EndpointOf(resourceType).TrimStart('/')}/{Uri.EscapeDataString(id)}";

    /// <summary>An attribute of the type's own schema with the characteristics the check needs (e.g.
    /// <see cref="AttributeNeed.SettableOptionalString"/>); NotApplicable naming what the schema lacks.</summary>
    protected Task<string> AttributeAsync(System.Text.Json.Nodes.JsonObject resourceType, AttributeNeed need) =>
        AttributeChoice.PickAsync(Context, resourceType, need);

    public async ValueTask DisposeAsync()
    {
        // Under the runner, the executor cleans up so the cleanup exchanges land in the check's evidence.
        if (_ownsContext && _context is not null)
        {
            var leftovers = await _context.Ledger.CleanupAsync();
            if (leftovers.Count > 0)
                Xunit.TestContext.Current.AddWarning($"could not delete: {string.Join("; ", leftovers)}");
        }
        GC.SuppressFinalize(this);
    }
}
