using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// attributes and excludedAttributes with the returned characteristic (RFC 7644 §3.4.2.5, §3.9, §3.10; RFC 7643 §7),
/// on one fully populated user that the whole class reads.
/// </summary>
public class AttributeSelectionTests(AttributeSelectionTests.OneRichUser server) : IClassFixture<AttributeSelectionTests.OneRichUser>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public async Task The_default_set_has_always_and_default_attributes_but_never_password()
    {
        var user = await Read("");

        Assert.Equal(["schemas", "id", "externalId", "userName", "name", "displayName", "active", "emails", EnterpriseUrn, "groups", "meta"], user.Select(member => member.Key));
        Assert.DoesNotContain("t1meMachine", user.ToJsonString());
    }

    [Theory]
    [InlineData("userName", new[] { "schemas", "id", "userName" })]
    [InlineData("USERNAME", new[] { "schemas", "id", "userName" })]
    [InlineData("userName,emails", new[] { "schemas", "id", "userName", "emails" })]
    [InlineData(" userName , emails ", new[] { "schemas", "id", "userName", "emails" })]
    [InlineData(UserUrn + ":userName", new[] { "schemas", "id", "userName" })]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:user:USERNAME", new[] { "schemas", "id", "userName" })]
    [InlineData("meta", new[] { "schemas", "id", "meta" })]
    [InlineData("id", new[] { "schemas", "id" })]
    [InlineData("password", new[] { "schemas", "id" })]
    [InlineData("noSuchAttribute", new[] { "schemas", "id" })]
    [InlineData(EnterpriseUrn, new[] { "schemas", "id", EnterpriseUrn })]
    public async Task Attributes_replaces_the_default_set_but_id_and_schemas_always_come_back(string attributes, string[] members)
    {
        var user = await Read("?attributes=" + Uri.EscapeDataString(attributes));

        Assert.Equal(members, user.Select(member => member.Key));
    }

    [Fact]
    public async Task A_sub_attribute_selects_only_itself_and_a_parent_all_of_its_sub_attributes()
    {
        var familyOnly = await Read("?attributes=name.familyName");
        var wholeName = await Read("?attributes=name");
        var emailValues = await Read("?attributes=emails.value");
        var created = await Read("?attributes=meta.created");

        Assert.Equal("""{"familyName":"Jensen"}""", familyOnly["name"]!.ToJsonString());
        Assert.Equal("""{"formatted":"Ms. Barbara J Jensen","familyName":"Jensen","givenName":"Barbara"}""", wholeName["name"]!.ToJsonString());
        Assert.Equal("""[{"value":"bjensen@example.com"},{"value":"babs@example.com"}]""", emailValues["emails"]!.ToJsonString());
        Assert.Equal(["created"], created["meta"]!.AsObject().Select(member => member.Key));
    }

    [Fact]
    public async Task Extension_attributes_are_selected_by_their_full_urn_path()
    {
        var employeeNumber = await Read($"?attributes={EnterpriseUrn}:employeeNumber");
        var managerValue = await Read($"?attributes={EnterpriseUrn}:manager.value");
        var unqualified = await Read("?attributes=employeeNumber");

        Assert.Equal("""{"employeeNumber":"701984"}""", employeeNumber[EnterpriseUrn]!.ToJsonString());
        Assert.Equal([UserUrn, EnterpriseUrn], Schemas(employeeNumber));
        Assert.Equal(["value"], managerValue[EnterpriseUrn]!["manager"]!.AsObject().Select(member => member.Key));
        // RFC 7644 §3.10 asks clients to qualify extension attributes, but a name no core attribute has still finds it.
        Assert.Equal("""{"employeeNumber":"701984"}""", unqualified[EnterpriseUrn]!.ToJsonString());
    }

    [Fact]
    public async Task Schemas_lists_an_extension_only_while_its_data_is_returned()
    {
        Assert.Equal([UserUrn], Schemas(await Read("?attributes=userName")));
        Assert.Equal([UserUrn], Schemas(await Read("?excludedAttributes=" + EnterpriseUrn)));
        Assert.Equal([UserUrn, EnterpriseUrn], Schemas(await Read("")));
    }

    [Theory]
    [InlineData("emails", "emails")]
    [InlineData("EMAILS", "emails")]
    [InlineData("emails,name", "emails", "name")]
    [InlineData(UserUrn + ":emails", "emails")]
    [InlineData(EnterpriseUrn, EnterpriseUrn)]
    [InlineData("meta", "meta")]
    public async Task Excluded_attributes_leave_the_default_set_otherwise_whole(string excluded, params string[] gone)
    {
        var user = await Read("?excludedAttributes=" + Uri.EscapeDataString(excluded));

        Assert.All(gone, name => Assert.Null(user[name]));
        Assert.NotNull(user["userName"]);
        Assert.NotNull(user["id"]);
    }

    [Fact]
    public async Task Excluded_attributes_cannot_remove_id_and_can_remove_sub_attributes()
    {
        var withoutId = await Read("?excludedAttributes=id,schemas");
        var withoutGiven = await Read("?excludedAttributes=name.givenName");

        Assert.Equal(server.UserId, withoutId["id"]!.GetValue<string>());
        Assert.NotNull(withoutId["schemas"]);
        Assert.Equal("""{"formatted":"Ms. Barbara J Jensen","familyName":"Jensen"}""", withoutGiven["name"]!.ToJsonString());
    }

    [Fact]
    public async Task Attributes_chooses_and_excluded_attributes_removes_from_the_choice()
    {
        var user = await Read("?attributes=userName,name&excludedAttributes=name.formatted");

        Assert.Equal(["schemas", "id", "userName", "name"], user.Select(member => member.Key));
        Assert.Null(user["name"]!["formatted"]);
    }

    [Fact]
    public async Task Lists_apply_the_selection_to_every_resource()
    {
        var list = (await server.Client.GetAsync("/Users?attributes=userName")).AssertStatus(HttpStatusCode.OK);
        var excluded = (await server.Client.GetAsync("/Users?excludedAttributes=emails,meta")).AssertStatus(HttpStatusCode.OK);

        Assert.All(list.Resources, user => Assert.Equal(["schemas", "id", "userName"], user.Select(member => member.Key)));
        Assert.All(excluded.Resources, user => Assert.True(user["emails"] is null && user["meta"] is null && user["userName"] is not null));
    }

    [Fact]
    public async Task Writes_apply_the_selection_to_the_resource_they_return()
    {
        var created = (await server.Client.PostAsync("/Users?attributes=userName", new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn),
            ["userName"] = $"selected-{Guid.NewGuid():N}",
            ["displayName"] = "Selected",
        })).AssertStatus(HttpStatusCode.Created);
        var replaced = (await server.Client.PutAsync($"/Users/{created.Json["id"]}?excludedAttributes=meta,displayName", new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn),
            ["userName"] = created.Json["userName"]!.GetValue<string>(),
            ["displayName"] = "Still selected",
            ["nickName"] = "sel",
        })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(["schemas", "id", "userName"], created.Json.Select(member => member.Key));
        Assert.NotNull(created.Header("Location"));
        Assert.Equal(["schemas", "id", "userName", "nickName"], replaced.Json.Select(member => member.Key));
    }

    [Fact]
    public async Task Groups_honour_the_parameters_too()
    {
        var group = (await server.Client.GetAsync($"/Groups/{server.GroupId}?excludedAttributes=members")).AssertStatus(HttpStatusCode.OK).Json;
        var members = (await server.Client.GetAsync($"/Groups/{server.GroupId}?attributes=members.value")).AssertStatus(HttpStatusCode.OK).Json;

        Assert.Null(group["members"]);
        Assert.NotNull(group["displayName"]);
        Assert.Equal($$"""[{"value":"{{server.UserId}}"}]""", members["members"]!.ToJsonString());
    }

    [Fact]
    public async Task The_user_groups_derived_by_the_server_are_selectable()
    {
        var groupsOnly = await Read("?attributes=groups.display");

        Assert.Equal("""[{"display":"Tour Guides"}]""", groupsOnly["groups"]!.ToJsonString());
    }

    private async Task<JsonObject> Read(string query) =>
        (await server.Client.GetAsync($"/Users/{server.UserId}{query}")).AssertStatus(HttpStatusCode.OK).Json;

    private static List<string> Schemas(JsonObject resource) => [.. resource["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>())];

    /// <summary>A server of its own with one user carrying core, multi-valued, write-only and extension values, in one group.</summary>
    public sealed class OneRichUser : ServerFixture
    {
        public string UserId { get; private set; } = "";

        public string GroupId { get; private set; } = "";

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            var manager = (await Client.PostAsync("/Users", new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = "manager" })).AssertStatus(HttpStatusCode.Created);
            var user = (await Client.PostAsync("/Users", new JsonObject
            {
                ["schemas"] = new JsonArray(UserUrn, EnterpriseUrn),
                ["externalId"] = "ext-1",
                ["userName"] = "bjensen",
                ["name"] = new JsonObject { ["formatted"] = "Ms. Barbara J Jensen", ["familyName"] = "Jensen", ["givenName"] = "Barbara" },
                ["displayName"] = "Babs Jensen",
                ["active"] = true,
                ["password"] = "t1meMachine",
                ["emails"] = new JsonArray(
                    new JsonObject { ["value"] = "bjensen@example.com", ["type"] = "work", ["primary"] = true },
                    new JsonObject { ["value"] = "babs@example.com", ["type"] = "home" }),
                [EnterpriseUrn] = new JsonObject { ["employeeNumber"] = "701984", ["manager"] = new JsonObject { ["value"] = manager.Json["id"]!.GetValue<string>() } },
            })).AssertStatus(HttpStatusCode.Created);
            UserId = user.Json["id"]!.GetValue<string>();
            var group = (await Client.PostAsync("/Groups", new JsonObject
            {
                ["schemas"] = new JsonArray(GroupUrn),
                ["displayName"] = "Tour Guides",
                ["members"] = new JsonArray(new JsonObject { ["value"] = UserId }),
            })).AssertStatus(HttpStatusCode.Created);
            GroupId = group.Json["id"]!.GetValue<string>();
        }
    }
}
