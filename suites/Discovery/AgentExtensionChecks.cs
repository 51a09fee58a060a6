using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Discovery;

/// <summary>draft-abbey-scim-agent-extension-00: how a server advertises Agents and AgenticApplications, and that
/// the advertisement agrees with /ResourceTypes and /Schemas. A server without agent support is NotApplicable.</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class AgentExtensionChecks : ScimCheck
{
    private const string Draft = SpecIssueCatalog.AgentDraft;

    [Check("discovery.agents.advertised", "A server that exposes agent resources advertises the agent extension",
        References = [Draft + " (ServiceProviderConfig extension)"], Rows = ["AGT-N01"], Tags = ["agents", Draft, "spc"],
        Requirement = "AGT-N01: a server that supports the agent extension MUST advertise it: when /ResourceTypes lists Agent or AgenticApplication, the ServiceProviderConfig has `agentExtension.supported` true.")]
    public async Task Advertised()
    {
        var discovery = await DiscoveryAsync();
        var agentTypes = discovery.ResourceTypes.Where(IsAgentResourceType).Select(ResourceFactory.NameOf).ToList();
        if (agentTypes.Count == 0)
            throw new NotApplicableException("/ResourceTypes lists no Agent or AgenticApplication resource type");
        var supported = discovery.ServiceProviderConfig.Path("agentExtension.supported");
        Expect.That(supported.IsTrue(), $"the server exposes {ScimJson.List(agentTypes)} but does not advertise the agent extension",
            "`agentExtension.supported` true in the ServiceProviderConfig", $"`agentExtension.supported` is {ScimJson.Describe(supported)}");
    }

    [Check("discovery.agents.extension-shape", "The agentExtension block is three booleans that agree with each other",
        References = [Draft + " (ServiceProviderConfig extension)"], Rows = ["AGT-SPC-FLAGS", "AGT-N01"], Tags = ["agents", Draft, "spc"],
        SpecIssues = [SpecIssueCatalog.NoDiscoveryCharacteristics, SpecIssueCatalog.ApplicationsSupportedWording],
        Requirement = "`agentExtension.supported`, `agentsSupported` and `agenticApplicationsSupported` are booleans; a resource type cannot be supported while the extension as a whole is not.")]
    public async Task ExtensionShape()
    {
        var extension = await ExtensionAsync();
        var problems = new[] { "supported", "agentsSupported", "agenticApplicationsSupported" }
            .Where(m => !extension.Member(m).IsBoolean())
            .Select(m => $"`agentExtension.{m}` is {ScimJson.Describe(extension.Member(m))}").ToList();
        if (!extension.Member("supported").IsTrue()
            && (extension.Member("agentsSupported").IsTrue() || extension.Member("agenticApplicationsSupported").IsTrue()))
            problems.Add("a resource type is marked supported while `agentExtension.supported` is not true");
        Expect.NoProblems(problems, "the agentExtension block is malformed", "three consistent booleans");
    }

    [Check("discovery.agents.agent-resource-type", "agentsSupported agrees with an Agent resource type at /Agents",
        References = [Draft + " (ServiceProviderConfig extension)", Draft + " (Agent resource type)"], Rows = ["AGT-SPC-FLAGS", "AGT-RESOURCE-TYPES", "AGT-N01", "AGT-N02"], Tags = ["agents", Draft, "resource-types"],
        Requirement = "When `agentExtension.agentsSupported` is true, /ResourceTypes lists Agent with endpoint /Agents and schema urn:ietf:params:scim:schemas:core:2.0:Agent; when false, it lists none.")]
    public Task AgentResourceType() => ExpectResourceTypeAsync("agentsSupported", "Agent", "/Agents", ScimUrns.Agent);

    [Check("discovery.agents.agentic-application-resource-type", "agenticApplicationsSupported agrees with an AgenticApplication resource type",
        References = [Draft + " (ServiceProviderConfig extension)", Draft + " (AgenticApplication resource type)"], Rows = ["AGT-SPC-FLAGS", "AGT-RESOURCE-TYPES", "AGT-N01", "AGT-N02"], Tags = ["agents", Draft, "resource-types"],
        SpecIssues = [SpecIssueCatalog.ApplicationsSupportedWording],
        Requirement = "When `agentExtension.agenticApplicationsSupported` is true, /ResourceTypes lists AgenticApplication with endpoint /AgenticApplications and schema urn:ietf:params:scim:schemas:core:2.0:AgenticApplication; when false, it lists none.")]
    public Task AgenticApplicationResourceType() =>
        ExpectResourceTypeAsync("agenticApplicationsSupported", "AgenticApplication", "/AgenticApplications", ScimUrns.AgenticApplication);

    [Check("discovery.agents.agent-schema", "The Agent schema makes name required and unique",
        References = [Draft + " (Agent schema)"], Rows = ["AGT-N04", "AGT-N07"], Tags = ["agents", Draft, "schemas"],
        Requirement = "AGT-N04/N07: the Agent schema is published and its `name` is a string with required true, uniqueness \"server\" and caseExact false.")]
    public Task AgentSchema() => ExpectNameAttributeAsync("agentsSupported", ScimUrns.Agent);

    [Check("discovery.agents.agentic-application-schema", "The AgenticApplication schema makes name required and unique",
        References = [Draft + " (AgenticApplication schema)"], Rows = ["AGT-N04", "AGT-N08"], Tags = ["agents", Draft, "schemas"],
        Requirement = "AGT-N04/N08: the AgenticApplication schema is published and its `name` is a string with required true, uniqueness \"server\" and caseExact false.")]
    public Task AgenticApplicationSchema() => ExpectNameAttributeAsync("agenticApplicationsSupported", ScimUrns.AgenticApplication);

    private static bool IsAgentResourceType(JsonObject rt) =>
        rt.StringMember("schema") is ScimUrns.Agent or ScimUrns.AgenticApplication
        || rt.StringMember("endpoint") is "/Agents" or "/AgenticApplications";

    private async Task<JsonObject> ExtensionAsync()
    {
        var spc = (await DiscoveryAsync()).ServiceProviderConfig;
        return spc.Member("agentExtension") switch
        {
            JsonObject block => block,
            null => throw new NotApplicableException("the ServiceProviderConfig has no `agentExtension` block"),
            var other => throw new VerdictException("`agentExtension` is not an object", "an object", ScimJson.Describe(other)),
        };
    }

    private async Task ExpectResourceTypeAsync(string flag, string name, string endpoint, string schema)
    {
        var extension = await ExtensionAsync();
        var discovery = await DiscoveryAsync();
        var listed = discovery.ResourceTypes.FirstOrDefault(rt => rt.StringMember("name") == name || rt.StringMember("schema") == schema);
        if (extension.Member(flag).IsTrue())
        {
            Expect.That(listed is not null, $"`agentExtension.{flag}` is true but /ResourceTypes lists no {name}",
                $"a {name} resource type", $"resource types {ScimJson.List(discovery.ResourceTypes.Select(ResourceFactory.NameOf))}");
            var problems = new List<string>();
            if (listed!.StringMember("name") != name)
                problems.Add($"name {ScimJson.Describe(listed.Member("name"))}");
            if (listed.StringMember("endpoint") != endpoint)
                problems.Add($"endpoint {ScimJson.Describe(listed.Member("endpoint"))}");
            if (listed.StringMember("schema") != schema)
                problems.Add($"schema {ScimJson.Describe(listed.Member("schema"))}");
            Expect.NoProblems(problems, $"the {name} resource type differs from the draft's definition",
                $"name \"{name}\", endpoint \"{endpoint}\", schema \"{schema}\"");
        }
        else
        {
            Expect.That(listed is null, $"/ResourceTypes lists {name} although `agentExtension.{flag}` is not true",
                $"no {name} resource type", $"{name} at {listed?.StringMember("endpoint")}");
        }
    }

    private async Task ExpectNameAttributeAsync(string flag, string schemaUrn)
    {
        var extension = await ExtensionAsync();
        if (!extension.Member(flag).IsTrue())
            throw new NotApplicableException($"`agentExtension.{flag}` is not true");
        var schema = (await DiscoveryAsync()).Schema(schemaUrn);
        Expect.That(schema is not null, $"{schemaUrn} is not published in /Schemas although `agentExtension.{flag}` is true",
            $"the schema {schemaUrn} in /Schemas", "absent");
        var name = (schema!.Member("attributes") as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(a => string.Equals(a.StringMember("name"), "name", StringComparison.OrdinalIgnoreCase));
        Expect.That(name is not null, $"{schemaUrn} defines no `name` attribute", "a `name` attribute", "absent");
        var problems = new List<string>();
        if (name!.StringMember("type") != "string")
            problems.Add($"type {ScimJson.Describe(name.Member("type"))}");
        if (!name.Member("required").IsTrue())
            problems.Add($"required {ScimJson.Describe(name.Member("required"))}");
        if (name.StringMember("uniqueness") != "server")
            problems.Add($"uniqueness {ScimJson.Describe(name.Member("uniqueness"))}");
        if (name.Member("caseExact").IsTrue())
            problems.Add("caseExact true");
        Expect.NoProblems(problems, $"the `name` attribute of {schemaUrn} is not declared as the draft requires",
            "type string, required true, uniqueness \"server\", caseExact false");
    }
}
