using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>GET /ResourceTypes and /ResourceTypes/{id} on the correct server (RFC 7643 §6, RFC 7644 §4, agent draft §1.3).</summary>
public class ResourceTypesTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    [Fact]
    public async Task Lists_the_four_resource_types_in_a_list_response()
    {
        var reply = (await server.Client.GetAsync("/ResourceTypes")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(["urn:ietf:params:scim:api:messages:2.0:ListResponse"], reply.Json["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
        Assert.Equal(4, reply.Json["totalResults"]!.GetValue<int>());
        Assert.Equal(4, reply.Json["itemsPerPage"]!.GetValue<int>());
        Assert.Equal(1, reply.Json["startIndex"]!.GetValue<int>());
        Assert.Equal(
            [("User", "/Users", "urn:ietf:params:scim:schemas:core:2.0:User"),
             ("Group", "/Groups", "urn:ietf:params:scim:schemas:core:2.0:Group"),
             ("Agent", "/Agents", "urn:ietf:params:scim:schemas:core:2.0:Agent"),
             ("AgenticApplication", "/AgenticApplications", "urn:ietf:params:scim:schemas:core:2.0:AgenticApplication")],
            reply.Resources.Select(type => (Text(type, "name"), Text(type, "endpoint"), Text(type, "schema"))));
    }

    [Fact]
    public async Task Each_resource_type_is_a_resource_with_its_schema_urn_id_and_location()
    {
        var types = (await server.Client.GetAsync("/ResourceTypes")).Resources;

        Assert.All(types, type =>
        {
            Assert.Equal(["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], type["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
            Assert.Equal(Text(type, "name"), Text(type, "id"));
            Assert.False(string.IsNullOrWhiteSpace(Text(type, "description")));
            Assert.Equal("ResourceType", type["meta"]!["resourceType"]!.GetValue<string>());
            Assert.Equal($"{server.BaseUrl}/ResourceTypes/{Text(type, "id")}", type["meta"]!["location"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task User_accepts_the_enterprise_extension_optionally()
    {
        var user = (await server.Client.GetAsync("/ResourceTypes/User")).AssertStatus(HttpStatusCode.OK).Json;

        var extension = Assert.Single(user["schemaExtensions"]!.AsArray())!;
        Assert.Equal("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", Text(extension, "schema"));
        Assert.False(extension["required"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Every_schema_a_resource_type_names_is_served_by_schemas()
    {
        var types = (await server.Client.GetAsync("/ResourceTypes")).Resources;
        var schemaIds = (await server.Client.GetAsync("/Schemas")).Resources.Select(schema => Text(schema, "id")).ToHashSet();

        var named = types.SelectMany(type => new[] { Text(type, "schema") }
            .Concat(type["schemaExtensions"]?.AsArray().Select(extension => Text(extension!, "schema")) ?? []));
        Assert.All(named, urn => Assert.Contains(urn, schemaIds));
    }

    [Fact]
    public async Task Every_endpoint_answers_a_list_request()
    {
        foreach (var type in (await server.Client.GetAsync("/ResourceTypes")).Resources)
        {
            var list = (await server.Client.GetAsync(Text(type, "endpoint"))).AssertStatus(HttpStatusCode.OK);
            Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", list.Json["schemas"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_resource_type_is_fetched_by_id_and_an_unknown_one_is_404()
    {
        var agent = (await server.Client.GetAsync("/ResourceTypes/Agent")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("/Agents", Text(agent, "endpoint"));

        (await server.Client.GetAsync("/ResourceTypes/Robot")).AssertScimError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ignores_paging_and_sorting_parameters()
    {
        var reply = (await server.Client.GetAsync("/ResourceTypes?startIndex=2&count=1&sortBy=name&sortOrder=descending")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(4, reply.Resources.Count);
        Assert.Equal(1, reply.Json["startIndex"]!.GetValue<int>());
        Assert.Equal("User", Text(reply.Resources[0], "name"));
    }

    [Fact]
    public async Task Refuses_a_filter_with_403()
    {
        (await server.Client.GetAsync("/ResourceTypes?filter=" + Uri.EscapeDataString("name eq \"User\""))).AssertScimError(HttpStatusCode.Forbidden);
        (await server.Client.GetAsync("/ResourceTypes/User?filter=" + Uri.EscapeDataString("name eq \"User\""))).AssertScimError(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("POST", "/ResourceTypes")]
    [InlineData("PUT", "/ResourceTypes/User")]
    [InlineData("DELETE", "/ResourceTypes/User")]
    public async Task Refuses_writes_with_405(string method, string path)
    {
        var reply = await server.Client.SendAsync(new HttpMethod(method), path, "{}");

        reply.AssertScimError(HttpStatusCode.MethodNotAllowed);
        Assert.Equal("GET", reply.Header("Allow"));
    }

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
