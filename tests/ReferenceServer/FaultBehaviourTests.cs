using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Targeted proof that faults do what their descriptions say, one kind of hook at a time.</summary>
public class FaultBehaviourTests : IDisposable
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private readonly HttpClient http = new();

    [Fact]
    public async Task Spc_as_list_response_wraps_the_configuration()
    {
        var reply = await GetWith("spc-as-list-response", "/ServiceProviderConfig");

        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", reply.Json["schemas"]![0]!.GetValue<string>());
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", reply.Resources.Single()["schemas"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Spc_patch_supported_as_string_and_agent_flags_as_strings_change_only_the_json_type()
    {
        var patch = (await GetWith("spc-patch-supported-as-string", "/ServiceProviderConfig")).Json["patch"]!["supported"]!;
        var agents = (await GetWith("agent-extension-flags-as-strings", "/ServiceProviderConfig")).Json["agentExtension"]!["agentsSupported"]!;

        Assert.Equal((JsonValueKind.String, "false"), (patch.GetValueKind(), patch.GetValue<string>()));
        Assert.Equal((JsonValueKind.String, "true"), (agents.GetValueKind(), agents.GetValue<string>()));
    }

    [Fact]
    public async Task Spc_requires_authentication_refuses_an_anonymous_read_with_or_without_a_configured_token()
    {
        var (withToken, client) = await Servers.StartAsync(http, "secret", "spc-requires-authentication");
        await using (withToken)
        {
            (await client.WithToken(null).GetAsync("/ServiceProviderConfig")).AssertScimError(HttpStatusCode.Unauthorized);
            (await client.GetAsync("/ServiceProviderConfig")).AssertStatus(HttpStatusCode.OK);
        }

        var (open, anonymous) = await Servers.StartAsync(http, null, "spc-requires-authentication");
        await using (open)
        {
            (await anonymous.GetAsync("/ServiceProviderConfig")).AssertScimError(HttpStatusCode.Unauthorized);
            (await anonymous.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Discovery_accepts_writes_echoes_documents_without_changing_them()
    {
        var (host, client) = await Servers.StartAsync(http, null, "discovery-accepts-writes");
        await using (host)
        {
            var before = (await client.GetAsync("/ServiceProviderConfig")).Json;
            var put = (await client.SendAsync(HttpMethod.Put, "/ServiceProviderConfig", """{"patch":{"supported":true}}""")).AssertStatus(HttpStatusCode.OK);
            (await client.SendAsync(HttpMethod.Patch, "/ServiceProviderConfig", "{}")).AssertStatus(HttpStatusCode.OK);
            (await client.SendAsync(HttpMethod.Put, "/Schemas/" + UserUrn, "{}")).AssertStatus(HttpStatusCode.OK);
            (await client.SendAsync(HttpMethod.Delete, "/Schemas/" + UserUrn)).AssertScimError(HttpStatusCode.MethodNotAllowed);

            Assert.True(JsonNode.DeepEquals(before, put.Json));
            Assert.True(JsonNode.DeepEquals(before, (await client.GetAsync("/ServiceProviderConfig")).Json));
        }
    }

    [Fact]
    public async Task Discovery_honours_paging_pages_schemas_and_resource_types()
    {
        var (host, client) = await Servers.StartAsync(http, null, "discovery-honours-paging");
        await using (host)
        {
            var schemas = (await client.GetAsync("/Schemas?startIndex=2&count=2")).Json;
            var types = (await client.GetAsync("/ResourceTypes?startIndex=4")).Json;

            Assert.Equal((5, 2, 2), (schemas["totalResults"]!.GetValue<int>(), schemas["startIndex"]!.GetValue<int>(), schemas["Resources"]!.AsArray().Count));
            Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:Group", schemas["Resources"]![0]!["id"]!.GetValue<string>());
            Assert.Equal("AgenticApplication", types["Resources"]!.AsArray().Single()!["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Discovery_filter_faults_ignore_or_apply_the_filter_instead_of_refusing_it()
    {
        var filter = "?filter=" + Uri.EscapeDataString("name eq \"user\"");

        var ignored = (await GetWith("discovery-ignores-filter", "/ResourceTypes" + filter)).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(4, ignored.Resources.Count);

        var (host, client) = await Servers.StartAsync(http, null, "discovery-applies-filter");
        await using (host)
        {
            Assert.Equal(["User"], (await client.GetAsync("/ResourceTypes" + filter)).AssertStatus(HttpStatusCode.OK).Resources.Select(type => type["name"]!.GetValue<string>()));
            Assert.Equal([UserUrn], (await client.GetAsync("/Schemas" + filter)).Resources.Select(schema => schema["id"]!.GetValue<string>()));
            (await client.GetAsync("/ServiceProviderConfig" + filter)).AssertStatus(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Schemas_total_results_wrong_overcounts_by_one()
    {
        var reply = await GetWith("schemas-total-results-wrong", "/Schemas");

        Assert.Equal(reply.Resources.Count + 1, reply.Json["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Lookup_faults_hide_listed_documents()
    {
        (await GetWith("schemas-by-id-not-found", "/Schemas/" + UserUrn)).AssertScimError(HttpStatusCode.NotFound);
        (await GetWith("resource-types-by-id-not-found", "/ResourceTypes/User")).AssertScimError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Resource_types_bare_array_drops_the_list_response()
    {
        var reply = await GetWith("resource-types-bare-array", "/ResourceTypes");

        Assert.Equal(4, Assert.IsType<JsonArray>(reply.Body).Count);
    }

    [Fact]
    public async Task User_resource_type_renamed_keeps_users_stamped_user()
    {
        var (host, client) = await Servers.StartAsync(http, null, "user-resource-type-renamed");
        await using (host)
        {
            Assert.Equal("Users", (await client.GetAsync("/ResourceTypes/Users")).AssertStatus(HttpStatusCode.OK).Json["name"]!.GetValue<string>());
            (await client.GetAsync("/ResourceTypes/User")).AssertScimError(HttpStatusCode.NotFound);
            var user = (await client.PostAsync("/Users", new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = "u" })).Json;
            Assert.Equal("User", user["meta"]!["resourceType"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Group_faults_change_one_thing_each_and_groups_are_still_served()
    {
        var group = new JsonObject { ["schemas"] = new JsonArray(GroupUrn), ["displayName"] = "g" };

        var (missing, missingClient) = await Servers.StartAsync(http, null, "resource-endpoint-missing", "resource-type-without-endpoint");
        await using (missing)
        {
            (await missingClient.GetAsync("/Groups")).AssertScimError(HttpStatusCode.NotFound);
            Assert.Null((await missingClient.GetAsync("/ResourceTypes/Group")).Json["endpoint"]);
            var created = (await missingClient.PostAsync("/Groups", group)).AssertStatus(HttpStatusCode.Created);
            (await missingClient.GetAsync("/Groups/" + created.Json["id"]!.GetValue<string>())).AssertStatus(HttpStatusCode.OK);
        }

        var (wrongType, wrongTypeClient) = await Servers.StartAsync(http, null, "wrong-meta-resource-type");
        await using (wrongType)
        {
            var created = (await wrongTypeClient.PostAsync("/Groups", group)).AssertStatus(HttpStatusCode.Created);
            Assert.Equal("Groups", created.Json["meta"]!["resourceType"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Schema_document_faults_edit_the_user_schema_but_not_what_the_server_enforces()
    {
        var (host, client) = await Servers.StartAsync(http, null,
            "schema-attribute-invalid-type", "schema-attribute-flag-as-string", "schema-attribute-bad-name", "schema-duplicate-attribute",
            "nested-complex-attribute", "user-schema-misnamed");
        await using (host)
        {
            var user = (await client.GetAsync("/Schemas/" + UserUrn)).Json;
            var attributes = user["attributes"]!.AsArray().Select(attribute => attribute!.AsObject()).ToList();

            Assert.Equal("Users", user["name"]!.GetValue<string>());
            Assert.Equal("text", attributes.Single(attribute => attribute["name"]!.GetValue<string>() == "title")["type"]!.GetValue<string>());
            Assert.Equal(JsonValueKind.String, attributes.Single(attribute => attribute["name"]!.GetValue<string>() == "userName")["required"]!.GetValueKind());
            Assert.Contains(attributes, attribute => attribute["name"]!.GetValue<string>() == "nick name");
            Assert.Contains(attributes, attribute => attribute["name"]!.GetValue<string>() == "Title");
            var name = attributes.Single(attribute => attribute["name"]!.GetValue<string>() == "name");
            Assert.Contains(name["subAttributes"]!.AsArray(), sub => sub!["type"]!.GetValue<string>() == "complex");

            // Serving is unchanged: userName is still required and nickName is still nickName.
            (await client.PostAsync("/Users", new JsonObject { ["schemas"] = new JsonArray(UserUrn) })).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
            var created = (await client.PostAsync("/Users", new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = "u", ["nickName"] = "n" })).Json;
            Assert.Equal("n", created["nickName"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Resources_carry_undeclared_schema_adds_an_urn_no_schema_describes()
    {
        const string acme = "urn:example:params:scim:schemas:extension:acme:2.0:User";
        var (host, client) = await Servers.StartAsync(http, null, "resources-carry-undeclared-schema");
        await using (host)
        {
            var user = (await client.PostAsync("/Users", new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = "u" })).Json;

            Assert.Equal([UserUrn, acme], user["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
            (await client.GetAsync("/Schemas/" + acme)).AssertScimError(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Missing_schema_faults_remove_them_from_the_list_and_the_lookup()
    {
        var (host, client) = await Servers.StartAsync(http, null, "extension-schema-missing", "agentic-application-schema-missing");
        await using (host)
        {
            var ids = (await client.GetAsync("/Schemas")).Resources.Select(schema => schema["id"]!.GetValue<string>()).ToList();

            Assert.Equal([UserUrn, GroupUrn, "urn:ietf:params:scim:schemas:core:2.0:Agent"], ids);
            (await client.GetAsync("/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")).AssertScimError(HttpStatusCode.NotFound);
            Assert.NotNull((await client.GetAsync("/ResourceTypes/User")).Json["schemaExtensions"]);
        }
    }

    [Fact]
    public async Task Agent_faults_keep_serving_the_agent_endpoints()
    {
        var (host, client) = await Servers.StartAsync(http, null, "agent-extension-not-advertised", "agent-resource-type-missing", "agentic-application-wrong-endpoint");
        await using (host)
        {
            Assert.Null((await client.GetAsync("/ServiceProviderConfig")).Json["agentExtension"]);
            Assert.DoesNotContain("Agent", (await client.GetAsync("/ResourceTypes")).Resources.Select(type => type["name"]!.GetValue<string>()));
            (await client.GetAsync("/Agents")).AssertStatus(HttpStatusCode.OK);

            Assert.Equal("/Applications", (await client.GetAsync("/ResourceTypes/AgenticApplication")).Json["endpoint"]!.GetValue<string>());
            (await client.GetAsync("/AgenticApplications")).AssertScimError(HttpStatusCode.NotFound);
            var application = (await client.PostAsync("/Applications", new JsonObject
            {
                ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:AgenticApplication"),
                ["name"] = "assistant",
            })).AssertStatus(HttpStatusCode.Created);
            Assert.StartsWith($"{host.BaseUrl}/Applications/", application.Header("Location"));
        }
    }

    [Fact]
    public async Task Pagination_faults_edit_only_the_advertisement()
    {
        var (host, client) = await Servers.StartAsync(http, null, "pagination-default-above-max", "pagination-unknown-default-method", "pagination-without-index-flag");
        await using (host)
        {
            var pagination = (await client.GetAsync("/ServiceProviderConfig")).Json["pagination"]!;
            Assert.Equal((500, 100, "offset"), (pagination["defaultPageSize"]!.GetValue<int>(), pagination["maxPageSize"]!.GetValue<int>(), pagination["defaultPaginationMethod"]!.GetValue<string>()));
            Assert.Null(pagination["index"]);

            // The server still pages by its real limits: a count above the advertised (faulty) maximum is honoured.
            for (var number = 0; number < 101; number++)
                (await client.PostAsync("/Users", new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = $"u{number}" })).AssertStatus(HttpStatusCode.Created);
            Assert.Equal(101, (await client.GetAsync("/Users?count=150")).Resources.Count);
        }
    }

    public void Dispose()
    {
        http.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<ScimReply> GetWith(string fault, string path)
    {
        var (host, client) = await Servers.StartAsync(http, null, fault);
        await using (host)
            return await client.GetAsync(path);
    }
}
