using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Create, read and delete on the correct server (RFC 7644 §3.3, §3.4.1, §3.6; RFC 7643 §3.1).</summary>
public class ResourceLifecycleTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public async Task Create_answers_201_with_the_new_resource_and_its_location()
    {
        var userName = Unique("bjensen");
        var reply = (await server.Client.PostAsync("/Users", new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn),
            ["userName"] = userName,
            ["name"] = new JsonObject { ["familyName"] = "Jensen", ["givenName"] = "Barbara" },
            ["emails"] = new JsonArray(new JsonObject { ["value"] = "bj@example.com", ["type"] = "work", ["primary"] = true }),
            ["active"] = true,
        })).AssertStatus(HttpStatusCode.Created);

        Assert.Equal("application/scim+json; charset=utf-8", reply.ContentType);
        var user = reply.Json;
        var id = user["id"]!.GetValue<string>();
        Assert.True(Guid.TryParseExact(id, "D", out _), $"id {id} is not a GUID");
        Assert.Equal([UserUrn], user["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
        Assert.Equal(userName, user["userName"]!.GetValue<string>());
        Assert.Equal("Jensen", user["name"]!["familyName"]!.GetValue<string>());
        Assert.True(user["emails"]![0]!["primary"]!.GetValue<bool>());

        var meta = user["meta"]!;
        Assert.Equal("User", meta["resourceType"]!.GetValue<string>());
        Assert.Equal($"{server.BaseUrl}/Users/{id}", meta["location"]!.GetValue<string>());
        Assert.Equal(meta["location"]!.GetValue<string>(), reply.Header("Location"));
        Assert.Equal(meta["created"]!.GetValue<string>(), meta["lastModified"]!.GetValue<string>());
        var created = DateTimeOffset.Parse(meta["created"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(created, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.StartsWith("W/\"", meta["version"]!.GetValue<string>());
        Assert.Equal(meta["version"]!.GetValue<string>(), reply.Header("ETag"));
    }

    [Fact]
    public async Task The_location_serves_the_resource_until_it_is_deleted()
    {
        var created = await CreateUser(Unique("lifecycle"));
        var path = "/Users/" + created["id"]!.GetValue<string>();

        var fetched = (await server.Client.GetAsync(path)).AssertStatus(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(created, fetched.Json), $"GET differs from the POST response: {fetched.Text}");
        Assert.Equal(created["meta"]!["version"]!.GetValue<string>(), fetched.Header("ETag"));

        var deleted = (await server.Client.DeleteAsync(path)).AssertStatus(HttpStatusCode.NoContent);
        Assert.Empty(deleted.Text);
        (await server.Client.GetAsync(path)).AssertScimError(HttpStatusCode.NotFound);
        (await server.Client.DeleteAsync(path)).AssertScimError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Server_assigned_and_read_only_values_from_the_client_are_ignored()
    {
        var reply = (await server.Client.PostAsync("/Users", new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn),
            ["id"] = "client-chosen",
            ["userName"] = Unique("readonly"),
            ["groups"] = new JsonArray(new JsonObject { ["value"] = "some-group" }),
            ["meta"] = new JsonObject { ["resourceType"] = "Group", ["created"] = "2001-01-01T00:00:00Z", ["location"] = "https://evil.example/x" },
        })).AssertStatus(HttpStatusCode.Created);

        Assert.NotEqual("client-chosen", reply.Json["id"]!.GetValue<string>());
        Assert.Null(reply.Json["groups"]);
        Assert.Equal("User", reply.Json["meta"]!["resourceType"]!.GetValue<string>());
        Assert.NotEqual("2001-01-01T00:00:00Z", reply.Json["meta"]!["created"]!.GetValue<string>());
        Assert.StartsWith(server.BaseUrl.ToString(), reply.Json["meta"]!["location"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_password_is_accepted_but_never_returned()
    {
        var created = await CreateUser(Unique("secretive"), new JsonObject { ["password"] = "t1meMachine" });

        Assert.Null(created["password"]);
        var fetched = await server.Client.GetAsync("/Users/" + created["id"]!.GetValue<string>());
        Assert.DoesNotContain("t1meMachine", fetched.Text);
    }

    [Fact]
    public async Task Extension_data_puts_the_extension_in_schemas()
    {
        var created = await CreateUser(Unique("enterprise"), new JsonObject
        {
            [EnterpriseUrn] = new JsonObject { ["employeeNumber"] = "701984", ["costCenter"] = null },
        });
        var plain = await CreateUser(Unique("plain"), new JsonObject { [EnterpriseUrn] = new JsonObject { ["costCenter"] = null } });

        Assert.Equal([UserUrn, EnterpriseUrn], created["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
        Assert.Equal("701984", created[EnterpriseUrn]!["employeeNumber"]!.GetValue<string>());
        // An extension object without values is no extension data: neither it nor its URN is stored.
        Assert.Equal([UserUrn], plain["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
        Assert.Null(plain[EnterpriseUrn]);
    }

    [Fact]
    public async Task Attribute_names_are_matched_case_insensitively_and_stored_canonically()
    {
        var userName = Unique("casing");
        var reply = (await server.Client.PostAsync("/Users", new JsonObject
        {
            ["SCHEMAS"] = new JsonArray(UserUrn),
            ["UserName"] = userName,
            ["NAME"] = new JsonObject { ["FamilyName"] = "Case" },
        })).AssertStatus(HttpStatusCode.Created);

        Assert.Equal(userName, reply.Json["userName"]!.GetValue<string>());
        Assert.Equal("Case", reply.Json["name"]!["familyName"]!.GetValue<string>());
        Assert.Null(reply.Json["UserName"]);
    }

    [Theory]
    [InlineData("/Groups", "urn:ietf:params:scim:schemas:core:2.0:Group", "displayName", "Group")]
    [InlineData("/Agents", "urn:ietf:params:scim:schemas:core:2.0:Agent", "name", "Agent")]
    [InlineData("/AgenticApplications", "urn:ietf:params:scim:schemas:core:2.0:AgenticApplication", "name", "AgenticApplication")]
    public async Task Every_resource_type_is_created_and_stamped_with_its_name(string endpoint, string schema, string requiredAttribute, string resourceType)
    {
        var reply = (await server.Client.PostAsync(endpoint, new JsonObject
        {
            ["schemas"] = new JsonArray(schema),
            [requiredAttribute] = Unique("typed"),
        })).AssertStatus(HttpStatusCode.Created);

        var id = reply.Json["id"]!.GetValue<string>();
        Assert.Equal(resourceType, reply.Json["meta"]!["resourceType"]!.GetValue<string>());
        Assert.Equal($"{server.BaseUrl}{endpoint}/{id}", reply.Header("Location"));
        (await server.Client.GetAsync($"{endpoint}/{id}")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_agent_keeps_the_attributes_its_clients_provision()
    {
        var owner = await CreateUser(Unique("owner"));
        var reply = (await server.Client.PostAsync("/Agents", new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Agent"),
            ["name"] = Unique("clippy"),
            ["subject"] = "clpy2001",
            ["owners"] = new JsonArray(new JsonObject { ["value"] = owner["id"]!.GetValue<string>() }), // owners must exist
            ["protocols"] = new JsonArray(new JsonObject { ["type"] = "A2A", ["specificationUrl"] = "https://example.com/agent-card.json" }),
            ["applications"] = new JsonArray(new JsonObject { ["value"] = "app-1" }),
        })).AssertStatus(HttpStatusCode.Created);

        Assert.Equal("clpy2001", reply.Json["subject"]!.GetValue<string>());
        Assert.Equal(owner["id"]!.GetValue<string>(), reply.Json["owners"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("A2A", reply.Json["protocols"]![0]!["type"]!.GetValue<string>());
        Assert.Null(reply.Json["applications"]); // readOnly: written on the AgenticApplication side
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        (await server.Client.GetAsync("/Users/does-not-exist")).AssertScimError(HttpStatusCode.NotFound);
        (await server.Client.DeleteAsync("/Groups/does-not-exist")).AssertScimError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bulk_is_not_implemented_as_the_configuration_says()
    {
        (await server.Client.SendAsync(HttpMethod.Post, "/Bulk", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[]}"""))
            .AssertScimError(HttpStatusCode.NotImplemented);
        var configuration = (await server.Client.GetAsync("/ServiceProviderConfig")).Json;
        Assert.False(configuration["bulk"]!["supported"]!.GetValue<bool>());
    }

    private async Task<JsonObject> CreateUser(string userName, JsonObject? more = null)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = userName };
        foreach (var (name, value) in more ?? [])
            body[name] = value?.DeepClone();
        return (await server.Client.PostAsync("/Users", body)).AssertStatus(HttpStatusCode.Created).Json;
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
