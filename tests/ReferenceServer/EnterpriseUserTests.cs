using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>The Enterprise User extension (RFC 7643 §4.3): stored under its URN, and a manager that must be a User.</summary>
public class EnterpriseUserTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public async Task Every_attribute_round_trips_under_the_extension_urn()
    {
        var manager = await CreateUser(displayName: "The Boss");
        var user = await CreateUser(extension: new JsonObject
        {
            ["employeeNumber"] = "701984",
            ["costCenter"] = "4130",
            ["organization"] = "Universal Studios",
            ["division"] = "Theme Park",
            ["department"] = "Tour Operations",
            ["manager"] = new JsonObject { ["value"] = Id(manager) },
        });

        var fetched = (await server.Client.GetAsync("/Users/" + Id(user))).AssertStatus(HttpStatusCode.OK).Json;

        Assert.Equal([UserUrn, EnterpriseUrn], fetched["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
        Assert.Equal(
            $$$"""{"employeeNumber":"701984","costCenter":"4130","organization":"Universal Studios","division":"Theme Park","department":"Tour Operations","manager":{"value":"{{{Id(manager)}}}","$ref":"{{{server.BaseUrl}}}/Users/{{{Id(manager)}}}","displayName":"The Boss"}}""",
            fetched[EnterpriseUrn]!.ToJsonString());
    }

    [Fact]
    public async Task The_managers_uri_and_display_name_are_the_servers_whatever_the_client_sends()
    {
        var manager = await CreateUser(displayName: "Real Name");

        var user = await CreateUser(extension: new JsonObject
        {
            ["manager"] = new JsonObject { ["value"] = Id(manager), ["$ref"] = "https://evil.example/x", ["displayName"] = "rid-fake" },
        });

        var managerValue = user[EnterpriseUrn]!["manager"]!;
        Assert.Equal($"{server.BaseUrl}/Users/{Id(manager)}", managerValue["$ref"]!.GetValue<string>());
        Assert.Equal("Real Name", managerValue["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_manager_without_a_display_name_shows_none()
    {
        var manager = await CreateUser(displayName: null);

        var user = await CreateUser(extension: new JsonObject { ["manager"] = new JsonObject { ["value"] = Id(manager) } });

        Assert.Equal(["value", "$ref"], user[EnterpriseUrn]!["manager"]!.AsObject().Select(member => member.Key));
    }

    [Theory]
    [InlineData("""{"value":"no-such-user"}""")]
    [InlineData("""{"$ref":"https://example.com/scim/v2/Users/someone"}""")]
    public async Task A_manager_that_is_no_user_is_400_invalid_value(string manager)
    {
        var reply = await server.Client.PostAsync("/Users", new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn, EnterpriseUrn),
            ["userName"] = Unique("managed"),
            [EnterpriseUrn] = new JsonObject { ["manager"] = JsonNode.Parse(manager) },
        });

        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task A_group_cannot_be_a_manager()
    {
        var group = (await server.Client.PostAsync("/Groups", new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"),
            ["displayName"] = "Managers",
        })).AssertStatus(HttpStatusCode.Created).Json;

        (await server.Client.PostAsync("/Users", new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn, EnterpriseUrn),
            ["userName"] = Unique("managed"),
            [EnterpriseUrn] = new JsonObject { ["manager"] = new JsonObject { ["value"] = Id(group) } },
        })).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task The_urn_leaves_schemas_when_a_replace_drops_the_extension_data()
    {
        var user = await CreateUser(extension: new JsonObject { ["department"] = "Tours" });

        var replaced = (await server.Client.PutAsync("/Users/" + Id(user), new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn, EnterpriseUrn),
            ["userName"] = user["userName"]!.GetValue<string>(),
            [EnterpriseUrn] = new JsonObject { ["department"] = null },
        })).AssertStatus(HttpStatusCode.OK).Json;

        Assert.Equal([UserUrn], replaced["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
        Assert.Null(replaced[EnterpriseUrn]);
    }

    private async Task<JsonObject> CreateUser(string? displayName = null, JsonObject? extension = null)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(UserUrn, EnterpriseUrn), ["userName"] = Unique("enterprise") };
        if (displayName is not null)
            body["displayName"] = displayName;
        if (extension is not null)
            body[EnterpriseUrn] = extension;
        return (await server.Client.PostAsync("/Users", body)).AssertStatus(HttpStatusCode.Created).Json;
    }

    private static string Id(JsonObject resource) => resource["id"]!.GetValue<string>();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
