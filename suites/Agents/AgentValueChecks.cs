using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Agents;

/// <summary>
/// The values of agent resources: at most one primary per multi-valued attribute (AGT-N13), the active flag through a
/// deactivation and back (draft lifecycle), and the behaviours the draft leaves to the server (MAY, graded Info):
/// name standing in for displayName (AGT-N09), agentType values (AGT-N10), externalIdentifiers types (AGT-N16).
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AgentValueChecks : AgentCheck
{
    [Check("agents.agent.single-primary", "Two primary values in roles, entitlements or x509Certificates are not kept",
        References = [Draft + " (Agent schema)", "RFC7643 §2.4"], Rows = ["AGT-N13", "RFC7643-2.4-PRIMARY-ONCE"], Tags = [AgentsTag, Draft, "multi-valued"],
        Requirement = "AGT-N13: primary true MUST appear no more than once among the values of roles, entitlements and x509Certificates: a POST with two primary roles is refused with 400, or at most one of them is primary afterwards.")]
    public async Task SinglePrimary()
    {
        var type = await AgentTypeAsync();
        var problems = new List<string>();
        foreach (var attribute in new[] { "roles", "entitlements", "x509Certificates" })
        {
            var body = Fake.MinimalAgent();
            body[attribute] = new JsonArray(
                new JsonObject { ["value"] = attribute == "x509Certificates" ? Fake.Certificate() : "first", ["primary"] = true },
                new JsonObject { ["value"] = attribute == "x509Certificates" ? Fake.Certificate() : "second", ["primary"] = true });
            var response = await PostAsync(type, body);
            if (response.Status == 400)
                continue;
            if (response.Status != 201 || response.JsonObject?.StringMember("id") is not { } id)
            {
                problems.Add($"{attribute}: {response.Summary}, neither 400 nor 201");
                continue;
            }
            var read = await ReadOrSkipAsync(type, id);
            var primaries = ValuesOf(read, attribute).Count(v => v.Member("primary").IsTrue());
            if (primaries > 1)
                problems.Add($"{attribute}: stored with {primaries} primary values");
        }
        Expect.NoProblems(problems, "an Agent kept more than one primary value", "HTTP 400, or at most one primary value stored, for each attribute");
    }

    [Check("agents.agent.active-cycle", "An Agent goes inactive and back by PUT, and stays listed while inactive",
        References = [Draft + " (Agent schema: active)", "RFC7644 §3.5.1"], Rows = ["RFC7644-3.5.1-PUT-REPLACES", "AGT-N04", "RFC7643-4.1.1-ACTIVE"], Tags = [AgentsTag, Draft, "lifecycle"],
        SpecIssues = [SpecIssueCatalog.ActiveDefinedTwice],
        Requirement = "active is readWrite: PUT with active false makes a fresh GET show false while the Agent is still found by its name, and PUT with active true brings it back.")]
    public async Task AgentActiveCycle() => await ActiveCycleAsync(AgentKindOf);

    [Check("agents.application.active-cycle", "An AgenticApplication goes inactive and back by PUT",
        References = [Draft + " (AgenticApplication schema: active)", "RFC7644 §3.5.1"], Rows = ["RFC7644-3.5.1-PUT-REPLACES", "AGT-N04"], Tags = [AgentsTag, Draft, "lifecycle"],
        Requirement = "active is readWrite: PUT with active false makes a fresh GET show false while the application is still found by its name, and PUT with active true brings it back.")]
    public async Task ApplicationActiveCycle() => await ActiveCycleAsync(ApplicationKind);

    [Check("agents.display-name.fallback", "Without a displayName, the name stands in for it",
        References = [Draft + " (Agent schema: displayName)", Draft + " (AgenticApplication schema: displayName)"],
        Rows = ["AGT-N09"], Tags = [AgentsTag, Draft, "may"], SpecIssues = [SpecIssueCatalog.ProseOnlyAttributes],
        Requirement = "AGT-N09 (MAY): if displayName is unassigned, the name may be used as the display name; recorded as Info when an Agent or application created without displayName shows none.")]
    public async Task DisplayNameFallback()
    {
        var problems = new List<string>();
        NotApplicableException? notApplicable = null;
        var applied = 0;
        foreach (var kind in Kinds)
        {
            JsonObject type;
            try
            {
                type = await kind.TypeAsync();
            }
            catch (NotApplicableException e)
            {
                notApplicable ??= e; // one kind may be supported without the other
                continue;
            }
            applied++;
            var name = kind.NewName();
            var read = await ReadOrSkipAsync(type, IdOf(await CreateAsync(type, kind.Minimal(name))));
            if (read.StringMember("displayName") != name)
                problems.Add($"{kind.Name} shows displayName {ScimJson.Describe(read.Member("displayName"))}");
        }
        if (applied == 0)
            throw notApplicable!;
        Expect.NoProblems(problems, "the server does not use name as the display name (the draft allows it, and allows not doing it)",
            "displayName equal to name when none was given");
    }

    [Check("agents.agent.agent-type-round-trip", "An agentType value is stored and returned",
        References = [Draft + " (Agent schema: agentType)"], Rows = ["AGT-N10"], Tags = [AgentsTag, Draft, "may"],
        Requirement = "AGT-N10 (MAY): the server may define the valid agentType values; one it publishes as canonical (or \"Assistant\" from the draft's examples) is stored and read back; recorded as Info when it is not.")]
    public async Task AgentTypeRoundTrip()
    {
        var type = await AgentTypeAsync();
        var canonical = (await DiscoveryAsync()).Attribute(ScimUrns.Agent, "agentType")?.StringArray("canonicalValues");
        var agentType = canonical is { Count: > 0 } ? canonical[0] : "Assistant";
        var body = Fake.MinimalAgent();
        body["agentType"] = agentType;
        var response = await PostAsync(type, body);
        Expect.That(response.Status == 201 && response.JsonObject?.StringMember("id") is not null, $"an Agent with agentType \"{agentType}\" was not created",
            "HTTP 201", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var read = await ReadOrSkipAsync(type, response.JsonObject!.StringMember("id")!);
        Expect.That(read.StringMember("agentType") == agentType, "agentType was not stored",
            $"agentType \"{agentType}\"", $"agentType {ScimJson.Describe(read.Member("agentType"))}");
    }

    [Check("agents.application.external-identifiers", "externalIdentifiers with a type, value and system are stored and returned",
        References = [Draft + " (AgenticApplication schema: externalIdentifiers)"], Rows = ["AGT-N16"], Tags = [AgentsTag, Draft, "may"],
        Requirement = "AGT-N16 (MAY): the server may define canonical externalIdentifiers.type values; an identifier with a type it publishes (or \"ssoTenantId\" from the draft's example) is stored with its value and system; recorded as Info when it is not.")]
    public async Task ExternalIdentifiers()
    {
        var type = await ApplicationTypeAsync();
        var canonical = (await DiscoveryAsync()).Attribute(ScimUrns.AgenticApplication, "externalIdentifiers.type")?.StringArray("canonicalValues");
        var identifier = Fake.ExternalIdentifier(canonical is { Count: > 0 } ? canonical[0] : "ssoTenantId");
        var body = Fake.MinimalApplication();
        body["externalIdentifiers"] = new JsonArray(identifier);
        var response = await PostAsync(type, body);
        Expect.That(response.Status == 201 && response.JsonObject?.StringMember("id") is not null, "an application with externalIdentifiers was not created",
            "HTTP 201", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var read = await ReadOrSkipAsync(type, response.JsonObject!.StringMember("id")!);
        var stored = ValuesOf(read, "externalIdentifiers").Any(v => v.StringMember("value") == identifier.StringMember("value")
            && v.StringMember("type") == identifier.StringMember("type") && v.StringMember("system") == identifier.StringMember("system"));
        Expect.That(stored, "externalIdentifiers was not stored as sent", identifier.ToJsonString(),
            $"externalIdentifiers {ScimJson.Describe(read.Member("externalIdentifiers"))}");
    }

    private async Task ActiveCycleAsync(AgentKind kind)
    {
        var type = await kind.TypeAsync();
        var name = kind.NewName();
        var body = kind.Minimal(name);
        body["active"] = true;
        var created = await CreateAsync(type, body);
        var problems = new List<string>();
        foreach (var active in new[] { false, true })
        {
            var replacement = ReplacementOf(await ReadOrSkipAsync(type, IdOf(created)));
            replacement["active"] = active;
            var put = await PutAsync(type, IdOf(created), replacement);
            if (put.Status != 200)
            {
                problems.Add($"PUT active {active.ToString().ToLowerInvariant()}: {put.Summary}");
                break;
            }
            var read = await ReadOrSkipAsync(type, IdOf(created));
            if (!(read.Member("active").IsBoolean() && read.Member("active")!.GetValue<bool>() == active))
                problems.Add($"after PUT active {active.ToString().ToLowerInvariant()}, a fresh GET shows active {ScimJson.Describe(read.Member("active"))}");
            var listed = await FilterAsync(type, $"name eq \"{name}\"");
            if (!listed.Ids.Contains(IdOf(created)))
                problems.Add($"with active {active.ToString().ToLowerInvariant()}, name eq finds {ScimJson.List(listed.Ids)}");
        }
        Expect.NoProblems(problems, $"the {kind.Name} did not go from active to inactive and back",
            "active false, then true, on fresh GETs, and the resource found by name throughout");
    }
}
