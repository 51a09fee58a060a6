using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Create requests the correct server refuses, and the error it gives for each (RFC 7644 §3.3, §3.12).</summary>
public class ResourceValidationTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";

    [Theory]
    [InlineData("""{"schemas":""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a",}""")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("""[{"userName":"a"}]""")]
    [InlineData("\"just a string\"")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a","userName":"b"}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a","USERNAME":"b"}""")]
    [InlineData("""{"schemas":"urn:ietf:params:scim:schemas:core:2.0:User","userName":"a"}""")]
    public async Task A_body_that_is_not_a_well_formed_resource_is_400_invalid_syntax(string body)
    {
        (await server.Client.PostAsync("/Users", body)).AssertScimError(HttpStatusCode.BadRequest, "invalidSyntax");
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_400_invalid_syntax()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Client.Url("/Users"))
        {
            Content = new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
        };
        request.Headers.Authorization = new("Bearer", server.Token);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}""", "userName")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":""}""", "userName")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":null}""", "userName")]
    [InlineData("""{"userName":"no-schemas"}""", "schemas")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"userName":"wrong-core"}""", "urn:ietf:params:scim:schemas:core:2.0:User")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:example:unknown"],"userName":"x"}""", "urn:example:unknown")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x","active":"yes"}""", "active")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x","emails":{"value":"a@b.c"}}""", "emails")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x","emails":[{"value":7}]}""", "emails.value")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x","name":"Barbara"}""", "name")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":["x"]}""", "userName")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":"7"}""", "enterprise")]
    public async Task A_missing_or_mistyped_value_is_400_invalid_value_naming_it(string body, string named)
    {
        var reply = await server.Client.PostAsync("/Users", body);

        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Contains(named, reply.Json["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}""", "displayName")]
    [InlineData("/Agents", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Agent"],"agentType":"Assistant"}""", "name")]
    [InlineData("/AgenticApplications", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:AgenticApplication"],"name":"  "}""", "name")]
    [InlineData("/Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"g","members":[{"value":true}]}""", "members.value")]
    public async Task Every_resource_type_is_judged_by_its_own_schema(string endpoint, string body, string named)
    {
        var reply = await server.Client.PostAsync(endpoint, body);

        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Contains(named, reply.Json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_name_taken_in_another_case_is_409_uniqueness()
    {
        var userName = $"Unique-{Guid.NewGuid():N}";
        (await server.Client.PostAsync("/Users", User(userName))).AssertStatus(HttpStatusCode.Created);

        (await server.Client.PostAsync("/Users", User(userName))).AssertScimError(HttpStatusCode.Conflict, "uniqueness");
        (await server.Client.PostAsync("/Users", User(userName.ToUpperInvariant()))).AssertScimError(HttpStatusCode.Conflict, "uniqueness");
    }

    [Fact]
    public async Task A_deleted_user_name_can_be_used_again()
    {
        var userName = $"reused-{Guid.NewGuid():N}";
        var first = (await server.Client.PostAsync("/Users", User(userName))).AssertStatus(HttpStatusCode.Created);
        (await server.Client.DeleteAsync("/Users/" + first.Json["id"]!.GetValue<string>())).AssertStatus(HttpStatusCode.NoContent);

        var second = (await server.Client.PostAsync("/Users", User(userName))).AssertStatus(HttpStatusCode.Created);
        Assert.NotEqual(first.Json["id"]!.GetValue<string>(), second.Json["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/Agents", "urn:ietf:params:scim:schemas:core:2.0:Agent")]
    [InlineData("/AgenticApplications", "urn:ietf:params:scim:schemas:core:2.0:AgenticApplication")]
    public async Task Agent_and_application_names_are_unique_regardless_of_case(string endpoint, string schema)
    {
        var name = $"Helpdesk bot {Guid.NewGuid():N}";
        (await server.Client.PostAsync(endpoint, Named(schema, name))).AssertStatus(HttpStatusCode.Created);

        (await server.Client.PostAsync(endpoint, Named(schema, name.ToLowerInvariant()))).AssertScimError(HttpStatusCode.Conflict, "uniqueness");
    }

    [Fact]
    public async Task Group_display_names_and_external_ids_need_not_be_unique()
    {
        var displayName = $"Tour Guides {Guid.NewGuid():N}";
        var group = new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"), ["displayName"] = displayName, ["externalId"] = "same" };

        (await server.Client.PostAsync("/Groups", group)).AssertStatus(HttpStatusCode.Created);
        (await server.Client.PostAsync("/Groups", group)).AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_client_error_never_becomes_a_server_error()
    {
        string[] bodies = ["{", "[]", "{}", """{"schemas":[1]}""", """{"schemas":[null]}""", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":{}}""",
            new string('[', 200) + new string(']', 200), """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"n","emails":[null]}"""];
        foreach (var body in bodies)
        {
            var reply = await server.Client.PostAsync("/Users", body);
            Assert.True(reply.StatusCode is >= 400 and < 500, $"{body} → {reply.StatusCode} {reply.Text}");
        }
    }

    private static JsonObject User(string userName) => Named(UserUrn, userName, "userName");

    private static JsonObject Named(string schema, string name, string attribute = "name") =>
        new() { ["schemas"] = new JsonArray(schema), [attribute] = name };
}
