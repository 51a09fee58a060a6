using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Agents;

/// <summary>
/// Which agent attributes a client may write. The derived ones — an Agent's groups and applications, an
/// application's lastAccessed — are readOnly, so a client's values are ignored (RFC 7644 §3.3, §3.5.1). subject,
/// owners, protocols and parent are where the draft contradicts itself (SpecIssueCatalog.ReadOnlyVersusProse): the
/// prose has clients provision them, the schema JSON says readOnly. The profile picks the reading.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AgentMutabilityChecks : AgentCheck
{
    [Check("agents.agent.read-only-ignored", "groups and applications sent by a client are ignored",
        References = [Draft + " (Agent schema)", "RFC7644 §3.3", "RFC7643 §2.2"], Rows = ["RFC7644-3.3-CREATE-READONLY-IGNORED", "AGT-SCHEMA-MUTABILITY", "AGT-N04"], Tags = [AgentsTag, Draft, "mutability"],
        SpecIssues = [SpecIssueCatalog.LinkDirectionUnstated],
        Requirement = "An Agent's groups and applications are readOnly: a POST that sends them for groups and applications that do not list the agent creates it without them (the server derives both), or is refused with 400.")]
    public async Task AgentReadOnly()
    {
        var type = await AgentTypeAsync();
        var body = Fake.MinimalAgent();
        var phantom = Guid.NewGuid().ToString("D");
        body["groups"] = new JsonArray(new JsonObject { ["value"] = phantom, ["display"] = "Phantom group" });
        body["applications"] = new JsonArray(new JsonObject { ["value"] = phantom, ["display"] = "Phantom application" });
        var response = await PostAsync(type, body);
        if (response.Status == 400)
            return; // refusing a readOnly attribute is allowed too (as lifecycle.create.read-only-ignored)
        if (response.Status != 201 || response.JsonObject?.StringMember("id") is not { } id)
            throw new PrerequisiteException($"the Agent could not be created: {response.Summary}");
        var read = await ReadOrSkipAsync(type, id);
        var kept = new[] { "groups", "applications" }.Where(a => IdsIn(read, a).Contains(phantom)).ToList();
        Expect.That(kept.Count == 0, $"the server stored the client's {ScimJson.List(kept)}, which are readOnly",
            $"no {phantom} in groups or applications", $"{ScimJson.List(kept.Select(a => $"{a} {ScimJson.Describe(read.Member(a))}"))}");
    }

    [Check("agents.application.read-only-ignored", "lastAccessed sent by a client is ignored",
        References = [Draft + " (AgenticApplication schema)", "RFC7644 §3.3", "RFC7643 §2.2"], Rows = ["RFC7644-3.3-CREATE-READONLY-IGNORED", "AGT-SCHEMA-MUTABILITY", "AGT-N04"], Tags = [AgentsTag, Draft, "mutability"],
        Requirement = "An AgenticApplication's lastAccessed is readOnly (the server records access): a lastAccessed sent in a POST is not what a fresh GET shows (or the POST is refused with 400).")]
    public async Task ApplicationReadOnly()
    {
        var type = await ApplicationTypeAsync();
        var body = Fake.MinimalApplication();
        const string invented = "2001-02-03T04:05:06Z";
        body["lastAccessed"] = invented;
        var response = await PostAsync(type, body);
        if (response.Status == 400)
            return; // refusing a readOnly attribute is allowed too (as lifecycle.create.read-only-ignored)
        if (response.Status != 201 || response.JsonObject?.StringMember("id") is not { } id)
            throw new PrerequisiteException($"the AgenticApplication could not be created: {response.Summary}");
        var read = await ReadOrSkipAsync(type, id);
        Expect.That(read.StringMember("lastAccessed") != invented, "the server stored the client's lastAccessed, which is readOnly",
            $"lastAccessed absent or the server's own time, not {invented}", $"lastAccessed {ScimJson.Describe(read.Member("lastAccessed"))}");
    }

    [Check("agents.agent.client-provisioned", "subject, protocols, owners and parent follow the profile's reading of the draft",
        References = [Draft + " (Agent schema)", "RFC7644 §3.3"], Rows = ["AGT-CLIENT-PROVISIONED", "AGT-N04"], Tags = [AgentsTag, Draft, "mutability", "profile"],
        SpecIssues = [SpecIssueCatalog.ReadOnlyVersusProse, SpecIssueCatalog.SpecificationUrlTypo, SpecIssueCatalog.ProtocolTypeValues],
        Requirement = "Prose reading (default): a client provisions subject, protocols (type, specificationUrl), owners and parent, so values sent in a POST are stored. Schema-literal reading: they are readOnly, so values sent are ignored.")]
    public async Task ClientProvisioned()
    {
        var type = await AgentTypeAsync();
        var parent = await CreateAsync(type, Fake.MinimalAgent());
        var owner = await OwnerAsync();
        var body = Fake.MinimalAgent();
        var subject = Fake.ExternalId("sub");
        body["subject"] = subject;
        body["protocols"] = Fake.Protocols();
        if (owner is not null)
            body["owners"] = new JsonArray(new JsonObject { ["value"] = IdOf(owner) });
        body["parent"] = new JsonObject { ["value"] = IdOf(parent) };
        var response = await PostAsync(type, body);
        if (response.Status != 201 || response.JsonObject?.StringMember("id") is not { } id)
        {
            Expect.That(Reading == AgentDraftReading.SchemaLiteral && response.Status == 400, "the Agent with client-provisioned attributes was not created",
                "HTTP 201", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
            throw new PrerequisiteException($"the Agent could not be created: {response.Summary}");
        }
        var read = await ReadOrSkipAsync(type, id);
        var stored = new Dictionary<string, bool>
        {
            ["subject"] = read.StringMember("subject") == subject,
            ["protocols"] = ValuesOf(read, "protocols").Any(p => p.StringMember("specificationUrl") == body["protocols"]![0]!["specificationUrl"]!.GetValue<string>()),
            ["parent"] = read.Member("parent") is JsonObject p && p.StringMember("value") == IdOf(parent),
        };
        if (owner is not null)
            stored["owners"] = IdsIn(read, "owners").Contains(IdOf(owner));
        if (Reading == AgentDraftReading.Prose)
        {
            var dropped = stored.Where(s => !s.Value).Select(s => s.Key).ToList();
            Expect.That(dropped.Count == 0, $"the server ignored {ScimJson.List(dropped)}, which the draft's prose lets clients provision",
                $"{ScimJson.List(stored.Keys)} stored as sent", $"not stored: {ScimJson.List(dropped)}; read back {Describe(read, dropped)}");
        }
        else
        {
            var kept = stored.Where(s => s.Value).Select(s => s.Key).ToList();
            Expect.That(kept.Count == 0, $"the server stored the client's {ScimJson.List(kept)}, which the schema JSON declares readOnly (schema-literal profile)",
                $"{ScimJson.List(stored.Keys)} ignored", $"stored: {ScimJson.List(kept)}; read back {Describe(read, kept)}");
        }
    }

    private static string Describe(JsonObject resource, IEnumerable<string> attributes) =>
        ScimJson.List(attributes.Select(a => $"{a} {ScimJson.Describe(resource.Member(a))}"));

    /// <summary>A User to own the agent, when the server has Users; null otherwise (owners is then left out).</summary>
    private async Task<JsonObject?> OwnerAsync()
    {
        if ((await DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.User) is not { } userType)
            return null;
        return await CreateAsync(userType, await Resources.MinimalAsync(userType));
    }
}
