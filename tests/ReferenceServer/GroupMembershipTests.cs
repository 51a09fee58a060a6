using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// Group members and the User groups derived from them (RFC 7643 §4.1.2, §4.2, §2.3.7): referential integrity, the
/// server-computed $ref, type and display, nesting, and what a delete does to memberships.
/// </summary>
public class GroupMembershipTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";

    [Fact]
    public async Task The_server_completes_each_member_with_its_uri_type_and_display()
    {
        var named = await CreateUser("Barbara Jensen");
        var unnamed = await CreateUser(displayName: null);
        var inner = await CreateGroup("Inner");

        var group = await CreateGroup("Outer",
            new JsonObject { ["value"] = Id(named), ["type"] = "Group", ["$ref"] = "https://evil.example/x", ["display"] = "ignored" },
            new JsonObject { ["value"] = Id(unnamed) },
            new JsonObject { ["value"] = Id(inner) });

        var members = Members(group);
        Assert.Equal(
            [
                (Id(named), $"{server.BaseUrl}/Users/{Id(named)}", "Barbara Jensen", "User"),
                (Id(unnamed), $"{server.BaseUrl}/Users/{Id(unnamed)}", unnamed["userName"]!.GetValue<string>(), "User"),
                (Id(inner), $"{server.BaseUrl}/Groups/{Id(inner)}", "Inner", "Group"),
            ],
            members.Select(member => (Text(member, "value"), Text(member, "$ref"), Text(member, "display"), Text(member, "type"))));
        foreach (var member in members)
            Assert.Equal(Text(member, "value"), (await server.Client.GetAsync(RelativeTo(Text(member, "$ref")))).AssertStatus(HttpStatusCode.OK).Json["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_member_listed_twice_is_kept_once()
    {
        var user = await CreateUser("Twice");

        var group = await CreateGroup("Doubled", new JsonObject { ["value"] = Id(user) }, new JsonObject { ["value"] = Id(user), ["type"] = "User" });

        Assert.Single(Members(group));
    }

    [Theory]
    [InlineData("no-such-id")]
    [InlineData("")]
    public async Task A_member_that_is_no_user_or_group_is_400_invalid_value(string value)
    {
        var reply = await server.Client.PostAsync("/Groups", GroupBody("Dangling", new JsonObject { ["value"] = value }));

        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task A_member_without_value_is_400_invalid_value()
    {
        (await server.Client.PostAsync("/Groups", GroupBody("Valueless", new JsonObject { ["type"] = "User" })))
            .AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task A_group_cannot_contain_itself_directly_or_through_nesting()
    {
        var outer = await CreateGroup("Cycle outer");
        var inner = await CreateGroup("Cycle inner", new JsonObject { ["value"] = Id(outer) });

        (await Replace(outer, new JsonObject { ["value"] = Id(outer) })).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        (await Replace(outer, new JsonObject { ["value"] = Id(inner) })).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Null((await server.Client.GetAsync(PathOf(outer, "/Groups"))).Json["members"]);
    }

    [Fact]
    public async Task A_user_lists_its_direct_and_indirect_groups()
    {
        var user = await CreateUser("Member");
        var team = await CreateGroup("Team", new JsonObject { ["value"] = Id(user) });
        var department = await CreateGroup("Department", new JsonObject { ["value"] = Id(team) });
        var company = await CreateGroup("Company", new JsonObject { ["value"] = Id(department) }, new JsonObject { ["value"] = Id(user) });

        var groups = (await server.Client.GetAsync(PathOf(user))).AssertStatus(HttpStatusCode.OK).Json["groups"]!.AsArray().Select(entry => entry!.AsObject()).ToList();

        Assert.Equal(
            [
                (Id(team), $"{server.BaseUrl}/Groups/{Id(team)}", "Team", "direct"),
                (Id(company), $"{server.BaseUrl}/Groups/{Id(company)}", "Company", "direct"),
                (Id(department), $"{server.BaseUrl}/Groups/{Id(department)}", "Department", "indirect"),
            ],
            groups.Select(entry => (Text(entry, "value"), Text(entry, "$ref"), Text(entry, "display"), Text(entry, "type"))));
    }

    [Fact]
    public async Task Groups_sent_with_a_user_are_read_only_and_ignored()
    {
        var group = await CreateGroup("Not joined");

        var user = (await server.Client.PostAsync("/Users", new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn),
            ["userName"] = Unique("joiner"),
            ["groups"] = new JsonArray(new JsonObject { ["value"] = Id(group) }),
        })).AssertStatus(HttpStatusCode.Created).Json;

        Assert.Null(user["groups"]);
        Assert.Null((await server.Client.GetAsync(PathOf(group, "/Groups"))).Json["members"]);
    }

    [Fact]
    public async Task Deleting_a_member_takes_it_out_of_every_group()
    {
        var (leaving, staying) = (await CreateUser("Leaving"), await CreateUser("Staying"));
        var inner = await CreateGroup("Leaving inner", new JsonObject { ["value"] = Id(leaving) });
        var outer = await CreateGroup("Leaving outer",
            new JsonObject { ["value"] = Id(leaving) }, new JsonObject { ["value"] = Id(staying) }, new JsonObject { ["value"] = Id(inner) });

        (await server.Client.DeleteAsync(PathOf(leaving))).AssertStatus(HttpStatusCode.NoContent);
        (await server.Client.DeleteAsync(PathOf(inner, "/Groups"))).AssertStatus(HttpStatusCode.NoContent);

        var after = (await server.Client.GetAsync(PathOf(outer, "/Groups"))).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal([Id(staying)], Members(after).Select(member => Text(member, "value")));
        Assert.NotEqual(outer["meta"]!["version"]!.GetValue<string>(), after["meta"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_member_display_follows_the_members_current_name()
    {
        var user = await CreateUser("Before");
        var group = await CreateGroup("Renamed", new JsonObject { ["value"] = Id(user) });

        (await server.Client.PutAsync(PathOf(user), new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn),
            ["userName"] = user["userName"]!.GetValue<string>(),
            ["displayName"] = "After",
        })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("After", Text(Members((await server.Client.GetAsync(PathOf(group, "/Groups"))).Json).Single(), "display"));
    }

    private async Task<JsonObject> CreateUser(string? displayName)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = Unique("member") };
        if (displayName is not null)
            body["displayName"] = displayName;
        return (await server.Client.PostAsync("/Users", body)).AssertStatus(HttpStatusCode.Created).Json;
    }

    private async Task<JsonObject> CreateGroup(string displayName, params JsonObject[] members) =>
        (await server.Client.PostAsync("/Groups", GroupBody(displayName, members))).AssertStatus(HttpStatusCode.Created).Json;

    private Task<ScimReply> Replace(JsonObject group, params JsonObject[] members) =>
        server.Client.PutAsync(PathOf(group, "/Groups"), GroupBody(group["displayName"]!.GetValue<string>(), members));

    private static JsonObject GroupBody(string displayName, params JsonObject[] members)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(GroupUrn), ["displayName"] = displayName };
        if (members.Length > 0)
            body["members"] = new JsonArray([.. members]);
        return body;
    }

    private string RelativeTo(string url) => url[server.BaseUrl.ToString().Length..];

    private static List<JsonObject> Members(JsonObject group) => [.. group["members"]!.AsArray().Select(member => member!.AsObject())];

    private static string Text(JsonObject value, string name) => value[name]!.GetValue<string>();

    private static string Id(JsonObject resource) => resource["id"]!.GetValue<string>();

    private static string PathOf(JsonObject resource, string endpoint = "/Users") => $"{endpoint}/{Id(resource)}";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
