using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Agents;

/// <summary>
/// The links between agent resources and the rest of the server: the Agent ↔ AgenticApplication link (written on the
/// application's readWrite agents, shown on the agent's readOnly applications), owners (Users or Groups), parent
/// (another Agent) and Group membership of Agents. Every <c>$ref</c> must lead to the resource it names (RFC 7643
/// §2.3.7); a relative one is resolved against the resource's own location.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AgentLinkChecks : AgentCheck
{
    [Check("agents.link.applications-derived", "An application's agents shows up in the agent's applications",
        References = [Draft + " (AgenticApplication schema: agents)", Draft + " (Agent schema: applications)"],
        Rows = ["AGT-APPLICATIONS-DERIVED", "AGT-SCHEMA-MUTABILITY", "AGT-N04"], Tags = [AgentsTag, Draft, "links"], SpecIssues = [SpecIssueCatalog.LinkDirectionUnstated],
        Requirement = "AgenticApplication.agents is readWrite and Agent.applications readOnly, so the link is written on the application and the agent SHOULD list every application that lists it (and none after the application drops it).")]
    public async Task ApplicationsDerived()
    {
        var agentType = await AgentTypeAsync();
        var applicationType = await ApplicationTypeAsync();
        var agent = await CreateAsync(agentType, Fake.MinimalAgent());
        var body = Fake.MinimalApplication();
        body["agents"] = new JsonArray(new JsonObject { ["value"] = IdOf(agent), ["type"] = "owned" });
        var application = await CreateAsync(applicationType, body);
        var read = await ReadOrSkipAsync(agentType, IdOf(agent));
        Expect.That(IdsIn(read, "applications").Contains(IdOf(application)), "the agent does not list the application that lists it in agents",
            $"applications containing {IdOf(application)}", $"applications {ScimJson.Describe(read.Member("applications"))}");

        var replacement = ReplacementOf(application);
        replacement.Remove("agents");
        var put = await PutAsync(applicationType, IdOf(application), replacement);
        if (put.Status != 200)
            throw new PrerequisiteException($"the application could not be replaced: {put.Summary} (see agents.application.operations)");
        var after = await ReadOrSkipAsync(agentType, IdOf(agent));
        Expect.That(!IdsIn(after, "applications").Contains(IdOf(application)), "the agent still lists an application that no longer lists it",
            $"no {IdOf(application)} in applications", $"applications {ScimJson.Describe(after.Member("applications"))}");
    }

    [Check("agents.link.refs-resolve", "$ref values of agent links lead to the linked resources",
        References = [Draft + " (AgenticApplication schema: agents)", "RFC7643 §2.3.7"], Rows = ["RFC7643-2.3.7-REF-RESOLVES", "AGT-N04"], Tags = [AgentsTag, Draft, "links"],
        Requirement = "Every $ref the server returns in an application's agents and an agent's applications is the URI of that very resource: a GET of it answers 200 with the id in value.")]
    public async Task RefsResolve()
    {
        var agentType = await AgentTypeAsync();
        var applicationType = await ApplicationTypeAsync();
        var agent = await CreateAsync(agentType, Fake.MinimalAgent());
        var body = Fake.MinimalApplication();
        body["agents"] = new JsonArray(new JsonObject { ["value"] = IdOf(agent), ["type"] = "authorized" });
        var application = await CreateAsync(applicationType, body);
        var problems = new List<string>();
        await CheckRefsAsync(await ReadOrSkipAsync(applicationType, IdOf(application)), "agents", problems);
        await CheckRefsAsync(await ReadOrSkipAsync(agentType, IdOf(agent)), "applications", problems);
        Expect.NoProblems(problems, "a $ref of an agent link does not lead to the resource it names",
            "each $ref answers 200 with the id given in value");
    }

    [Check("agents.agent.owners-resolve", "owners name Users and Groups, and their $ref lead to them",
        References = [Draft + " (Agent schema: owners)", "RFC7643 §2.3.7"], Rows = ["AGT-CLIENT-PROVISIONED", "RFC7643-2.3.7-REF-RESOLVES", "RFC7643-4.2-MEMBERS-REFERENTIAL", "AGT-N04"], Tags = [AgentsTag, Draft, "links", "profile"],
        SpecIssues = [SpecIssueCatalog.ReadOnlyVersusProse, SpecIssueCatalog.ReferentialIntegrityUnstated, SpecIssueCatalog.InvalidExamples],
        Requirement = "Prose reading: owners provisioned by a client (a User and a Group) are stored, and each owner's $ref leads to that User or Group; an owner that is no resource of the server is refused with 400.")]
    public async Task OwnersResolve()
    {
        var type = await ProseAgentTypeAsync("owners");
        var discovery = await DiscoveryAsync();
        var userType = discovery.ResourceTypeBySchema(ScimUrns.User) ?? throw new NotApplicableException("/ResourceTypes lists no User to own an agent");
        var user = await CreateAsync(userType, await Resources.MinimalAsync(userType));
        var owners = new JsonArray(new JsonObject { ["value"] = IdOf(user) });
        var expected = new List<string> { IdOf(user) };
        if (discovery.ResourceTypeBySchema(ScimUrns.Group) is { } groupType)
        {
            var groupBody = await Resources.MinimalAsync(groupType);
            var group = await CreateAsync(groupType, groupBody);
            owners.Add(new JsonObject { ["value"] = IdOf(group) });
            expected.Add(IdOf(group));
        }
        var body = Fake.MinimalAgent();
        body["owners"] = owners;
        var agent = await CreateAsync(type, body);
        var read = await ReadOrSkipAsync(type, IdOf(agent));
        var problems = expected.Where(id => !IdsIn(read, "owners").Contains(id)).Select(id => $"owner {id} not stored").ToList();
        await CheckRefsAsync(read, "owners", problems);

        var stranger = Fake.MinimalAgent();
        stranger["owners"] = new JsonArray(new JsonObject { ["value"] = Guid.NewGuid().ToString("D") });
        var refused = await PostAsync(type, stranger);
        if (refused.Status != 400)
            problems.Add($"an owner that does not exist: {refused.Summary}, not 400");
        Expect.NoProblems(problems, "owners are not kept as references to the server's Users and Groups",
            "every owner stored with a $ref that leads to it; an unknown owner refused with 400");
    }

    [Check("agents.agent.parent-hierarchy", "parent names another Agent, its $ref leads to it, and hierarchies have no cycles",
        References = [Draft + " (Agent schema: parent)", "RFC7643 §2.3.7"], Rows = ["AGT-CLIENT-PROVISIONED", "RFC7643-2.3.7-REF-RESOLVES", "AGT-N04"], Tags = [AgentsTag, Draft, "links", "profile"],
        SpecIssues = [SpecIssueCatalog.ReadOnlyVersusProse, SpecIssueCatalog.ReferentialIntegrityUnstated],
        Requirement = "Prose reading: a parent provisioned by a client is stored and its $ref leads to the parent Agent; a parent that is no Agent is refused with 400, and so is a PUT that would make an agent its own ancestor.")]
    public async Task ParentHierarchy()
    {
        var type = await ProseAgentTypeAsync("parent");
        var parent = await CreateAsync(type, Fake.MinimalAgent());
        var body = Fake.MinimalAgent();
        body["parent"] = new JsonObject { ["value"] = IdOf(parent) };
        var child = await CreateAsync(type, body);
        var read = await ReadOrSkipAsync(type, IdOf(child));
        var problems = new List<string>();
        if (read.Member("parent") is not JsonObject stored || stored.StringMember("value") != IdOf(parent))
            problems.Add($"parent not stored: {ScimJson.Describe(read.Member("parent"))}");
        else
            await CheckRefAsync(stored, "parent", problems);

        var orphan = Fake.MinimalAgent();
        orphan["parent"] = new JsonObject { ["value"] = Guid.NewGuid().ToString("D") };
        var unknown = await PostAsync(type, orphan);
        if (unknown.Status != 400)
            problems.Add($"a parent that does not exist: {unknown.Summary}, not 400");

        var cycle = ReplacementOf(parent);
        cycle["parent"] = new JsonObject { ["value"] = IdOf(child) };
        var put = await PutAsync(type, IdOf(parent), cycle);
        if (put.Status != 400)
            problems.Add($"making the child the parent's parent: {put.Summary}, not 400");
        Expect.NoProblems(problems, "parent does not keep agent hierarchies well-formed",
            "the parent stored with a $ref leading to it; an unknown parent and a cycle refused with 400");
    }

    [Check("agents.group.agent-member", "An Agent can be a Group member, and its groups shows the Group",
        References = [Draft + " (Agent schema: groups)", "RFC7643 §4.1.2", "RFC7643 §4.2"], Rows = ["AGT-GROUPS-MEMBERSHIP", "RFC7643-4.1.2-GROUPS-REFLECT", "AGT-N04"], Tags = [AgentsTag, Draft, "links", "groups"],
        SpecIssues = [SpecIssueCatalog.NoUserOrGroupExtension, SpecIssueCatalog.GroupsReferenceTypes],
        Requirement = "An Agent's groups is readOnly and has the form of a User's (RFC 7643 §4.1.2), so membership is written on the Group: a Group created with the agent as member lists it, and the agent's groups then names the Group with a $ref that leads to it.")]
    public async Task AgentMember()
    {
        var type = await AgentTypeAsync();
        var groupType = (await DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.Group) ?? throw new NotApplicableException("/ResourceTypes lists no Group");
        var agent = await CreateAsync(type, Fake.MinimalAgent());
        var groupBody = await Resources.MinimalAsync(groupType);
        groupBody["members"] = new JsonArray(new JsonObject { ["value"] = IdOf(agent) });
        var created = await PostAsync(groupType, groupBody);
        Expect.That(created.Status == 201 && created.JsonObject?.StringMember("id") is not null, "a Group with an Agent as member was not created",
            "HTTP 201", $"{created.Summary}{ErrorReplies.DetailHint(created)}");
        var groupId = created.JsonObject!.StringMember("id")!;
        var read = await ReadOrSkipAsync(type, IdOf(agent));
        var problems = new List<string>();
        if (!IdsIn(read, "groups").Contains(groupId))
            problems.Add($"the agent's groups is {ScimJson.Describe(read.Member("groups"))}, without {groupId}");
        else
            await CheckRefsAsync(read, "groups", problems);
        Expect.NoProblems(problems, "the agent's groups does not show the Group it is a member of",
            $"groups containing {groupId} with a $ref that leads to it");
    }

    [Check("agents.link.delete-unlinks", "Deleting an Agent takes it out of the applications that listed it",
        References = [Draft + " (AgenticApplication schema: agents)", "RFC7644 §3.6"], Rows = ["RFC7644-3.6-DELETE-REFERENCES"], Tags = [AgentsTag, Draft, "links", "delete"],
        SpecIssues = [SpecIssueCatalog.DeletionUnstated],
        Requirement = "The draft says nothing on deletion; recorded as Info when, after an Agent is deleted, an application still lists it in agents (a link to nothing).")]
    public async Task DeleteUnlinks()
    {
        var agentType = await AgentTypeAsync();
        var applicationType = await ApplicationTypeAsync();
        var agent = await CreateAsync(agentType, Fake.MinimalAgent());
        var body = Fake.MinimalApplication();
        body["agents"] = new JsonArray(new JsonObject { ["value"] = IdOf(agent), ["type"] = "guest" });
        var application = await CreateAsync(applicationType, body);
        var delete = await Scim.DeleteAsync(PathOf(agentType, IdOf(agent)));
        if (delete.Status is < 200 or >= 300)
            throw new PrerequisiteException($"the Agent could not be deleted: {delete.Summary} (see agents.agent.operations)");
        var read = await ReadOrSkipAsync(applicationType, IdOf(application));
        Expect.That(!IdsIn(read, "agents").Contains(IdOf(agent)), "the application still lists an Agent that was deleted",
            $"no {IdOf(agent)} in agents", $"agents {ScimJson.Describe(read.Member("agents"))}");
    }

    /// <summary>The Agent type, NotApplicable under the schema-literal reading, for which clients cannot set <paramref name="attribute"/>.</summary>
    private async Task<JsonObject> ProseAgentTypeAsync(string attribute)
    {
        var type = await AgentTypeAsync();
        if (Reading == AgentDraftReading.SchemaLiteral)
            throw new NotApplicableException($"the schema-literal profile reads {attribute} as readOnly, so a client cannot provision it (see agents.agent.client-provisioned)");
        return type;
    }

    private async Task CheckRefsAsync(JsonObject resource, string attribute, List<string> problems)
    {
        foreach (var value in ValuesOf(resource, attribute))
            await CheckRefAsync(value, attribute, problems, resource);
    }

    private async Task CheckRefAsync(JsonObject value, string attribute, List<string> problems, JsonObject? resource = null)
    {
        var id = value.StringMember("value");
        if (value.StringMember("$ref") is not { } reference)
        {
            problems.Add($"{attribute} {id} has no $ref");
            return;
        }
        // RFC 7643 §2.3.7 allows relative URIs; they are relative to the resource's own location.
        var baseUri = resource?.Path("meta.location") is JsonValue l && l.IsString() ? l.GetValue<string>() : Target.BaseUrl.ToString();
        var url = Uri.TryCreate(reference, UriKind.Absolute, out var absolute) ? absolute : new Uri(Target.Resolve(baseUri), reference);
        if (!Target.IsUnderBaseUrl(url))
        {
            problems.Add($"{attribute} {id}: $ref {reference} is not under the server's base URL");
            return;
        }
        var followed = await Scim.GetAsync(url.ToString());
        if (followed.Status != 200 || followed.JsonObject?.StringMember("id") != id)
            problems.Add($"{attribute} {id}: $ref {reference} → {followed.Status} with id {ScimJson.Describe(followed.JsonObject?.Member("id"))}");
    }
}
