using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Agents;

/// <summary>
/// What the agent checks (draft-abbey-scim-agent-extension-00) share: the gate on the <c>agentExtension</c>
/// advertisement (without it every agent check is NotApplicable, naming the field), realistic agents and applications
/// from <see cref="AgentFaker"/>, and the reading of the draft's contradictions the profile takes.
/// </summary>
public abstract class AgentCheck : ScimCheck
{
    /// <summary>The draft every agent check cites; also a tag, so a later draft can get its own profile beside it.</summary>
    protected const string Draft = SpecIssueCatalog.AgentDraft;
    protected const string AgentsTag = "agents";

    private AgentFaker? _fake;

    protected AgentFaker Fake => _fake ??= new AgentFaker(Target.Prefix);

    /// <summary>Prose or schema-literal: which text of the draft this run believes where they disagree.</summary>
    protected AgentDraftReading Reading => Context.AgentDraftReading;

    /// <summary>The Agent resource type; NotApplicable unless <c>agentExtension.agentsSupported</c> is true.</summary>
    protected Task<JsonObject> AgentTypeAsync() => AdvertisedTypeAsync("agentsSupported", ScimUrns.Agent, "Agent");

    /// <summary>The AgenticApplication resource type; NotApplicable unless <c>agentExtension.agenticApplicationsSupported</c> is true.</summary>
    protected Task<JsonObject> ApplicationTypeAsync() => AdvertisedTypeAsync("agenticApplicationsSupported", ScimUrns.AgenticApplication, "AgenticApplication");

    /// <summary>The two kinds of agent resource, so a rule the draft states for both is checked on both.</summary>
    protected IReadOnlyList<AgentKind> Kinds =>
    [
        new("Agent", AgentTypeAsync, name => Fake.MinimalAgent(name), Fake.AgentName, Fake.RichAgent),
        new("AgenticApplication", ApplicationTypeAsync, name => Fake.MinimalApplication(name), Fake.ApplicationName, Fake.RichApplication),
    ];

    protected AgentKind AgentKindOf => Kinds[0];
    protected AgentKind ApplicationKind => Kinds[1];

    private async Task<JsonObject> AdvertisedTypeAsync(string flag, string schemaUrn, string name)
    {
        var discovery = await DiscoveryAsync();
        var extension = discovery.ServiceProviderConfig.Member("agentExtension");
        if (extension is not JsonObject block)
            throw new NotApplicableException("the ServiceProviderConfig has no agentExtension: the server does not advertise the agent extension (draft-abbey-scim-agent-extension-00)");
        if (!block.Member(flag).IsTrue())
            throw new NotApplicableException($"the ServiceProviderConfig does not advertise agentExtension.{flag} (it is {ScimJson.Describe(block.Member(flag))})");
        return discovery.ResourceTypeBySchema(schemaUrn)
            ?? throw new PrerequisiteException($"agentExtension.{flag} is true but /ResourceTypes lists no {name} (see discovery.agents.*)");
    }

    /// <summary>Creates the resource (recorded for cleanup) or makes the check Skipped naming why it could not.</summary>
    protected Task<JsonObject> CreateAsync(JsonObject resourceType, JsonObject body) => Resources.CreateOrSkipAsync(resourceType, body);

    /// <summary>POSTs a body the server may refuse; whatever it creates is still cleaned up.</summary>
    protected Task<ScimResponse> PostAsync(JsonObject resourceType, JsonObject body) => Resources.CreateAsync(resourceType, body);

    protected Task<ScimResponse> PutAsync(JsonObject resourceType, string id, JsonObject body) =>
        Scim.PutAsync(PathOf(resourceType, id), body);

    /// <summary>A fresh GET that must succeed for the check to go on; otherwise the check is Skipped naming why.</summary>
    protected async Task<JsonObject> ReadOrSkipAsync(JsonObject resourceType, string id)
    {
        var response = await ReadAsync(resourceType, id);
        if (response.Status != 200 || response.JsonObject is not { } body)
            throw new PrerequisiteException($"the resource just written could not be read back: {response.Summary}");
        return body;
    }

    /// <summary>GET {endpoint}?filter=… as a list page.</summary>
    protected Task<ListPage> FilterAsync(JsonObject resourceType, string filter) => ListAsync(resourceType, FilterQuery(filter));

    /// <summary>A body for a PUT: the resource as read, without what the server owns.</summary>
    protected static JsonObject ReplacementOf(JsonObject resource)
    {
        var body = resource.DeepClone().AsObject();
        foreach (var owned in new[] { "id", "meta" })
        {
            if (body.FirstOrDefault(p => string.Equals(p.Key, owned, StringComparison.OrdinalIgnoreCase)).Key is { } key)
                body.Remove(key);
        }
        return body;
    }

    /// <summary>The values of a multi-valued complex attribute, as objects.</summary>
    protected static IReadOnlyList<JsonObject> ValuesOf(JsonObject resource, string attribute) =>
        (resource.Member(attribute) as JsonArray ?? []).OfType<JsonObject>().ToList();

    /// <summary>The <c>value</c> sub-attributes of a multi-valued complex attribute.</summary>
    protected static IReadOnlyList<string> IdsIn(JsonObject resource, string attribute) =>
        ValuesOf(resource, attribute).Select(v => v.StringMember("value")).OfType<string>().ToList();

    /// <summary>The request was refused with <paramref name="status"/>; a scimType other than <paramref name="scimType"/> is a violation, none is Info.</summary>
    protected void ExpectRefused(ScimResponse response, int status, string scimType, string what, string definedBy)
    {
        Expect.That(response.Status == status, $"{what} was not refused with {status}", $"HTTP {status} ({scimType})",
            $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        Expect.ScimType(response, scimType, definedBy);
    }

    /// <summary>The value with every ASCII letter's case swapped: a variant any case-insensitive comparison treats as equal.</summary>
    protected static string AsciiCaseVariant(string value) =>
        new(value.Select(c => char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : c).ToArray());
}

/// <summary>One of the draft's two resource kinds, as the checks that treat both alike see it.</summary>
/// <param name="Name">The resource type's name, for sentences.</param>
/// <param name="TypeAsync">The advertised resource type (NotApplicable when not advertised).</param>
/// <param name="Minimal">A body with only the required name (a fresh one when null).</param>
/// <param name="NewName">A fresh, unique, prefixed name.</param>
/// <param name="Rich">A realistic body with the attributes every reading of the draft lets a client write.</param>
public sealed record AgentKind(string Name, Func<Task<JsonObject>> TypeAsync, Func<string?, JsonObject> Minimal, Func<string> NewName, Func<JsonObject> Rich);
