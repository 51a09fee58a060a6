using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// The agent extension's links on the reference server (draft-abbey-scim-agent-extension-00): the application's
/// agents derived back onto the agent, owners and parent kept as references to existing resources without cycles,
/// Agents as Group members, the name standing in for displayName, and what deleting does to each link.
/// </summary>
public class AgentRelationsTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string AgentUrn = "urn:ietf:params:scim:schemas:core:2.0:Agent";
    private const string ApplicationUrn = "urn:ietf:params:scim:schemas:core:2.0:AgenticApplication";

    [Fact]
    public async Task An_application_listing_an_agent_shows_up_in_the_agents_applications_until_it_drops_it()
    {
        var agent = await CreateAgent();
        var application = await Create("/AgenticApplications", Application(new JsonObject { ["value"] = Id(agent), ["type"] = "owned", ["$ref"] = "https://evil.example/x" }));

        var link = Assert.Single((await Read($"/Agents/{Id(agent)}"))["applications"]!.AsArray())!.AsObject();
        Assert.Equal(Id(application), link["value"]!.GetValue<string>());
        Assert.EndsWith($"/AgenticApplications/{Id(application)}", link["$ref"]!.GetValue<string>());
        var agentLink = Assert.Single(application["agents"]!.AsArray())!.AsObject();
        Assert.EndsWith($"/Agents/{Id(agent)}", agentLink["$ref"]!.GetValue<string>()); // derived, not the client's
        Assert.Equal("owned", agentLink["type"]!.GetValue<string>());

        (await server.Client.DeleteAsync($"/AgenticApplications/{Id(application)}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.Null((await Read($"/Agents/{Id(agent)}"))["applications"]);
    }

    [Fact]
    public async Task Linking_an_agent_that_does_not_exist_is_refused()
    {
        var reply = await server.Client.PostAsync("/AgenticApplications", Application(new JsonObject { ["value"] = Guid.NewGuid().ToString("D") }));
        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task Owners_must_be_users_or_groups_and_are_dropped_when_deleted()
    {
        var user = await Create("/Users", new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = Unique("owner") });
        var body = Agent();
        body["owners"] = new JsonArray(new JsonObject { ["value"] = Id(user) });
        var agent = await Create("/Agents", body);
        var owner = Assert.Single(agent["owners"]!.AsArray())!.AsObject();
        Assert.EndsWith($"/Users/{Id(user)}", owner["$ref"]!.GetValue<string>());

        var stranger = Agent();
        stranger["owners"] = new JsonArray(new JsonObject { ["value"] = Id(agent) }); // an Agent is no owner
        (await server.Client.PostAsync("/Agents", stranger)).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");

        (await server.Client.DeleteAsync($"/Users/{Id(user)}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.Null((await Read($"/Agents/{Id(agent)}"))["owners"]);
    }

    [Fact]
    public async Task Parents_are_existing_agents_without_cycles_and_children_are_orphaned_on_delete()
    {
        var grandparent = await CreateAgent();
        var parent = await CreateAgent(Id(grandparent));
        var child = await CreateAgent(Id(parent));
        Assert.EndsWith($"/Agents/{Id(parent)}", child["parent"]!["$ref"]!.GetValue<string>());
        Assert.Equal(parent["name"]!.GetValue<string>(), child["parent"]!["display"]!.GetValue<string>());

        var cycle = Agent(grandparent["name"]!.GetValue<string>());
        cycle["parent"] = new JsonObject { ["value"] = Id(child) };
        (await server.Client.PutAsync($"/Agents/{Id(grandparent)}", cycle)).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        var self = Agent(child["name"]!.GetValue<string>());
        self["parent"] = new JsonObject { ["value"] = Id(child) };
        (await server.Client.PutAsync($"/Agents/{Id(child)}", self)).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        var orphan = Agent();
        orphan["parent"] = new JsonObject { ["value"] = Guid.NewGuid().ToString("D") };
        (await server.Client.PostAsync("/Agents", orphan)).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");

        (await server.Client.DeleteAsync($"/Agents/{Id(parent)}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.Null((await Read($"/Agents/{Id(child)}"))["parent"]);
    }

    [Fact]
    public async Task Agents_can_be_group_members_and_their_groups_are_derived()
    {
        var agent = await CreateAgent();
        var group = await Create("/Groups", new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"),
            ["displayName"] = Unique("bots"),
            ["members"] = new JsonArray(new JsonObject { ["value"] = Id(agent) }),
        });
        var member = Assert.Single(group["members"]!.AsArray())!.AsObject();
        Assert.Equal("Agent", member["type"]!.GetValue<string>());
        Assert.EndsWith($"/Agents/{Id(agent)}", member["$ref"]!.GetValue<string>());

        var groups = Assert.Single((await Read($"/Agents/{Id(agent)}"))["groups"]!.AsArray())!.AsObject();
        Assert.Equal(Id(group), groups["value"]!.GetValue<string>());
        (await server.Client.DeleteAsync($"/Agents/{Id(agent)}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.Null((await Read($"/Groups/{Id(group)}"))["members"]);
    }

    [Fact]
    public async Task Read_only_links_sent_by_a_client_are_ignored_and_the_name_stands_in_for_display_name()
    {
        var body = Agent();
        body["applications"] = new JsonArray(new JsonObject { ["value"] = "made-up" });
        body["groups"] = new JsonArray(new JsonObject { ["value"] = "made-up" });
        var agent = await Create("/Agents", body);

        Assert.Null(agent["applications"]);
        Assert.Null(agent["groups"]);
        Assert.Equal(agent["name"]!.GetValue<string>(), agent["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Names_are_unique_regardless_of_case()
    {
        var name = Unique("Helpdesk Bot");
        await Create("/Agents", Agent(name));
        (await server.Client.PostAsync("/Agents", Agent(name.ToUpperInvariant()))).AssertScimError(HttpStatusCode.Conflict, "uniqueness");
    }

    private static string Unique(string label) => $"{label}-{Guid.NewGuid():N}";

    private static JsonObject Agent(string? name = null) => new() { ["schemas"] = new JsonArray(AgentUrn), ["name"] = name ?? Unique("agent") };

    private static JsonObject Application(params JsonObject[] agents) => new()
    {
        ["schemas"] = new JsonArray(ApplicationUrn),
        ["name"] = Unique("app"),
        ["agents"] = new JsonArray([.. agents]),
    };

    private async Task<JsonObject> CreateAgent(string? parentId = null)
    {
        var body = Agent();
        if (parentId is not null)
            body["parent"] = new JsonObject { ["value"] = parentId };
        return await Create("/Agents", body);
    }

    private async Task<JsonObject> Create(string path, JsonObject body) =>
        (await server.Client.PostAsync(path, body)).AssertStatus(HttpStatusCode.Created).Json;

    private async Task<JsonObject> Read(string path) => (await server.Client.GetAsync(path)).AssertStatus(HttpStatusCode.OK).Json;

    private static string Id(JsonObject resource) => resource["id"]!.GetValue<string>();
}
