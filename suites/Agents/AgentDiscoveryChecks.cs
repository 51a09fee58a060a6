using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Agents;

/// <summary>
/// draft-abbey-scim-agent-extension-00 discovery, beyond discovery.agents.* (which hold the advertisement against
/// /ResourceTypes and the name attribute): a server that does not advertise the extension does not serve it either,
/// and the published schemas give the links the mutability the draft declares.
/// </summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class AgentDiscoveryChecks : AgentCheck
{
    private static readonly (string Endpoint, string Schema)[] AgentEndpoints =
        [("/Agents", ScimUrns.Agent), ("/AgenticApplications", ScimUrns.AgenticApplication)];

    [Check("agents.discovery.unadvertised-not-served", "A server that does not advertise the agent extension does not serve /Agents",
        References = [Draft + " (ServiceProviderConfig extension)", "RFC7644 §3.12"], Rows = ["AGT-N01", "AGT-N02"], Tags = [AgentsTag, Draft, "spc"],
        Requirement = "AGT-N01/N02: implementing agents is optional, but a server that serves them MUST advertise agentExtension; so without the advertisement (and without a resource type) /Agents and /AgenticApplications answer 404.")]
    public async Task UnadvertisedNotServed()
    {
        var discovery = await DiscoveryAsync();
        if (discovery.ServiceProviderConfig.Member("agentExtension") is JsonObject block && block.Member("supported").IsTrue())
            throw new NotApplicableException("the ServiceProviderConfig advertises agentExtension.supported: this check is about servers without the agent extension");
        var unlisted = AgentEndpoints.Where(e => discovery.ResourceTypeBySchema(e.Schema) is null
            && !discovery.ResourceTypes.Any(rt => string.Equals(rt.StringMember("endpoint"), e.Endpoint, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unlisted.Count == 0)
            throw new NotApplicableException("/ResourceTypes lists both agent resource types (discovery.agents.advertised judges that)");
        var problems = new List<string>();
        foreach (var (endpoint, _) in unlisted)
        {
            var response = await Scim.GetAsync(endpoint.TrimStart('/'));
            if (response.Status != 404)
                problems.Add($"{response.Summary}{ErrorReplies.DetailHint(response)}");
        }
        Expect.NoProblems(problems, "an agent endpoint answers although the server advertises no agent extension",
            "HTTP 404 from every agent endpoint the server does not advertise");
    }

    [Check("agents.discovery.read-only-declared", "/Schemas declares the derived agent attributes readOnly and the application's agents writable",
        References = [Draft + " (Agent schema)", Draft + " (AgenticApplication schema)", "RFC7643 §7"], Rows = ["AGT-SCHEMA-MUTABILITY", "AGT-CLIENT-PROVISIONED", "AGT-N17", "AGT-N04"], Tags = [AgentsTag, Draft, "schemas"],
        SpecIssues = [SpecIssueCatalog.ReadOnlyVersusProse, SpecIssueCatalog.LinkDirectionUnstated],
        Requirement = "The published Agent schema declares groups and applications readOnly, the AgenticApplication schema lastAccessed readOnly and agents readWrite (the link is written on the application); under the schema-literal profile subject, owners, protocols and parent are readOnly too.")]
    public async Task ReadOnlyDeclared()
    {
        await AgentTypeAsync();
        var discovery = await DiscoveryAsync();
        var expected = new List<(string Schema, string Path, string Mutability)>
        {
            (ScimUrns.Agent, "groups", "readOnly"),
            (ScimUrns.Agent, "applications", "readOnly"),
        };
        if (Reading == AgentDraftReading.SchemaLiteral)
            expected.AddRange(new[] { "subject", "owners", "protocols", "parent" }.Select(a => (ScimUrns.Agent, a, "readOnly")));
        if (discovery.ServiceProviderConfig.Path("agentExtension.agenticApplicationsSupported").IsTrue())
        {
            expected.Add((ScimUrns.AgenticApplication, "lastAccessed", "readOnly"));
            expected.Add((ScimUrns.AgenticApplication, "agents", "readWrite"));
            expected.Add((ScimUrns.AgenticApplication, "agents.value", "readWrite"));
        }
        var problems = new List<string>();
        foreach (var (schema, path, mutability) in expected)
        {
            var attribute = discovery.Attribute(schema, path);
            // RFC 7643 §7: an absent mutability means readWrite.
            var declared = attribute?.StringMember("mutability") ?? (attribute is null ? null : "readWrite");
            if (!string.Equals(declared, mutability, StringComparison.Ordinal))
                problems.Add($"{ShortName(schema)} {path} is {(declared is null ? "not declared" : declared)}, not {mutability}");
        }
        Expect.NoProblems(problems, "the published agent schemas give attributes another mutability than the draft",
            ScimJson.List(expected.Select(e => $"{ShortName(e.Schema)} {e.Path} {e.Mutability}")));
    }

    private static string ShortName(string urn) => urn[(urn.LastIndexOf(':') + 1)..];
}
