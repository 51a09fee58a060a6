using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Agents;

/// <summary>
/// draft-abbey-scim-agent-extension-00: both resources need nothing but a <c>name</c> (AGT-N04), which is required,
/// non-empty and unique across the server's Agents, or AgenticApplications (AGT-N07, N08). <c>name</c> is not
/// caseExact, so two names differing only in case are the same name (RFC 7643 §2.3.1 with RFC 7644 §3.3).
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AgentNameChecks : AgentCheck
{
    [Check("agents.agent.create-name-only", "An Agent can be created with only a name",
        References = [Draft + " (Agent schema)", "RFC7644 §3.3"], Rows = ["AGT-N04", "AGT-N03", "RFC7644-3.3-CREATE-201", "RFC7644-3.3.1-CREATE-RESOURCETYPE", "RFC7643-3.1-META-LOCATION"], Tags = [AgentsTag, Draft, "create"],
        Requirement = "AGT-N04: every Agent attribute but name is optional, so POST /Agents with only schemas and name answers 201 with an id, meta.resourceType \"Agent\" and a meta.location ending in /Agents/{id}, and a fresh GET returns the name.")]
    public async Task AgentCreateNameOnly() => await CreateNameOnlyAsync(AgentKindOf);

    [Check("agents.application.create-name-only", "An AgenticApplication can be created with only a name",
        References = [Draft + " (AgenticApplication schema)", "RFC7644 §3.3"], Rows = ["AGT-N04", "AGT-N03", "RFC7644-3.3-CREATE-201", "RFC7644-3.3.1-CREATE-RESOURCETYPE", "RFC7643-3.1-META-LOCATION"], Tags = [AgentsTag, Draft, "create"],
        Requirement = "AGT-N04: every AgenticApplication attribute but name is optional, so POST /AgenticApplications with only schemas and name answers 201 with an id, meta.resourceType \"AgenticApplication\" and a meta.location ending in /AgenticApplications/{id}.")]
    public async Task ApplicationCreateNameOnly() => await CreateNameOnlyAsync(ApplicationKind);

    [Check("agents.agent.name-required", "An Agent without a name, or with an empty one, is refused with 400",
        References = [Draft + " (Agent schema: name)", "RFC7644 §3.3", "RFC7644 §3.12"], Rows = ["AGT-N07", "RFC7644-3.12-400-INVALIDVALUE"], Tags = [AgentsTag, Draft, "create"],
        Requirement = "AGT-N07: each Agent MUST include a non-empty name; POST /Agents without name, or with name \"\", is refused with 400 (scimType invalidValue) and creates nothing.")]
    public async Task AgentNameRequired() => await NameRequiredAsync(AgentKindOf);

    [Check("agents.application.name-required", "An AgenticApplication without a name, or with an empty one, is refused with 400",
        References = [Draft + " (AgenticApplication schema: name)", "RFC7644 §3.3", "RFC7644 §3.12"], Rows = ["AGT-N08", "RFC7644-3.12-400-INVALIDVALUE"], Tags = [AgentsTag, Draft, "create"],
        Requirement = "AGT-N08: each AgenticApplication MUST include a non-empty name; a POST without name, or with name \"\", is refused with 400 (scimType invalidValue).")]
    public async Task ApplicationNameRequired() => await NameRequiredAsync(ApplicationKind);

    [Check("agents.agent.name-unique", "A second Agent with a name already taken is refused with 409",
        References = [Draft + " (Agent schema: name)", "RFC7644 §3.3"], Rows = ["AGT-N07", "RFC7644-3.3-UNIQUENESS-409"], Tags = [AgentsTag, Draft, "uniqueness"],
        Requirement = "AGT-N07: an Agent's name MUST be unique across the server's Agents (uniqueness \"server\"), so creating another Agent with the same name answers 409 with scimType uniqueness.")]
    public async Task AgentNameUnique() => await NameUniqueAsync(AgentKindOf, caseVariant: false);

    [Check("agents.agent.name-unique-case", "A second Agent whose name differs only in case is refused with 409",
        References = [Draft + " (Agent schema: name)", "RFC7644 §3.3", "RFC7643 §2.3.1"], Rows = ["AGT-N07", "RFC7644-3.3-UNIQUENESS-CASE"], Tags = [AgentsTag, Draft, "uniqueness"],
        Requirement = "AGT-N07: name is unique and not caseExact, so \"Helpdesk Bot\" and \"HELPDESK bOT\" are the same name: the second create answers 409 uniqueness.")]
    public async Task AgentNameUniqueCase() => await NameUniqueAsync(AgentKindOf, caseVariant: true);

    [Check("agents.application.name-unique", "A second AgenticApplication with a name already taken is refused with 409",
        References = [Draft + " (AgenticApplication schema: name)", "RFC7644 §3.3"], Rows = ["AGT-N08", "RFC7644-3.3-UNIQUENESS-409"], Tags = [AgentsTag, Draft, "uniqueness"],
        Requirement = "AGT-N08: an AgenticApplication's name MUST be unique across the server's AgenticApplications, so creating another with the same name answers 409 with scimType uniqueness.")]
    public async Task ApplicationNameUnique() => await NameUniqueAsync(ApplicationKind, caseVariant: false);

    [Check("agents.application.name-unique-case", "A second AgenticApplication whose name differs only in case is refused with 409",
        References = [Draft + " (AgenticApplication schema: name)", "RFC7644 §3.3", "RFC7643 §2.3.1"], Rows = ["AGT-N08", "RFC7644-3.3-UNIQUENESS-CASE"], Tags = [AgentsTag, Draft, "uniqueness"],
        Requirement = "AGT-N08: name is unique and not caseExact, so a second AgenticApplication whose name differs only in letter case answers 409 uniqueness.")]
    public async Task ApplicationNameUniqueCase() => await NameUniqueAsync(ApplicationKind, caseVariant: true);

    private async Task CreateNameOnlyAsync(AgentKind kind)
    {
        var type = await kind.TypeAsync();
        var name = kind.NewName();
        var response = await PostAsync(type, kind.Minimal(name));
        Expect.That(response.Status == 201, $"POST {ResourceFactory.EndpointOf(type)} with only a name was not created",
            "HTTP 201 with the new resource", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var created = Expect.JsonObject(response, "the 201 body");
        var id = created.StringMember("id");
        var problems = new List<string>();
        if (string.IsNullOrEmpty(id))
            problems.Add($"id is {ScimJson.Describe(created.Member("id"))}");
        if (created.Path("meta.resourceType") is var resourceType && !(resourceType.IsString() && resourceType!.GetValue<string>() == kind.Name))
            problems.Add($"meta.resourceType is {ScimJson.Describe(resourceType)}");
        var location = created.Path("meta.location") is JsonValue l && l.IsString() ? l.GetValue<string>() : null;
        if (location is null || id is null || !location.TrimEnd('/').EndsWith($"{ResourceFactory.EndpointOf(type)}/{id}", StringComparison.Ordinal))
            problems.Add($"meta.location is {ScimJson.Describe(created.Path("meta.location"))}");
        if (id is not null)
        {
            var read = await ReadAsync(type, id);
            if (read.Status != 200 || read.JsonObject?.StringMember("name") != name)
                problems.Add($"a fresh GET gave {read.Summary} with name {ScimJson.Describe(read.JsonObject?.Member("name"))}");
        }
        Expect.NoProblems(problems, $"the {kind.Name} created with only a name is not described as RFC 7644 §3.3 requires",
            $"an id, meta.resourceType \"{kind.Name}\", meta.location …{ResourceFactory.EndpointOf(type)}/{{id}}, and the name \"{name}\" on a fresh GET");
    }

    private async Task NameRequiredAsync(AgentKind kind)
    {
        var type = await kind.TypeAsync();
        var problems = new List<string>();
        var without = kind.Minimal(null);
        without.Remove("name");
        var empty = kind.Minimal("");
        foreach (var (label, body) in new[] { ("without name", without), ("with name \"\"", empty) })
        {
            var response = await PostAsync(type, body);
            if (response.Status != 400)
                problems.Add($"{label}: {response.Summary}{ErrorReplies.DetailHint(response)}");
            else if (response.JsonObject?.StringMember("scimType") is { } scimType && scimType != "invalidValue")
                problems.Add($"{label}: 400 with scimType \"{scimType}\" instead of invalidValue");
        }
        Expect.NoProblems(problems, $"a {kind.Name} without a non-empty name was not refused",
            "HTTP 400 (scimType invalidValue, or none) for both bodies");
    }

    private async Task NameUniqueAsync(AgentKind kind, bool caseVariant)
    {
        var type = await kind.TypeAsync();
        var name = kind.NewName();
        await CreateAsync(type, kind.Minimal(name));
        var second = caseVariant ? AsciiCaseVariant(name) : name;
        var response = await PostAsync(type, kind.Minimal(second));
        ExpectRefused(response, 409, "uniqueness",
            $"a second {kind.Name} named \"{second}\" (the first is \"{name}\")", "RFC 7644 §3.3");
    }
}
