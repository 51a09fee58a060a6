using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>GET /Schemas and /Schemas/{urn} on the correct server: complete, well-formed definitions (RFC 7643 §7, §8.7.1; agent draft §1.4–1.5).</summary>
public partial class SchemasTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string Agent = "urn:ietf:params:scim:schemas:core:2.0:Agent";
    private const string AgenticApplication = "urn:ietf:params:scim:schemas:core:2.0:AgenticApplication";

    private static readonly string[] CharacteristicNames = ["name", "type", "multiValued", "description", "required", "caseExact", "mutability", "returned", "uniqueness"];

    [Fact]
    public async Task Lists_the_five_resource_schemas_with_their_rfc_names()
    {
        var reply = (await server.Client.GetAsync("/Schemas")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(5, reply.Json["totalResults"]!.GetValue<int>());
        Assert.Equal(5, reply.Json["itemsPerPage"]!.GetValue<int>());
        Assert.Equal(
            [(User, "User"), (Group, "Group"), (EnterpriseUser, "EnterpriseUser"), (Agent, "Agent"), (AgenticApplication, "AgenticApplication")],
            reply.Resources.Select(schema => (schema["id"]!.GetValue<string>(), schema["name"]!.GetValue<string>())));
        Assert.DoesNotContain(reply.Resources, schema => schema["id"]!.GetValue<string>().StartsWith("urn:ietf:params:scim:api:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_schema_is_a_resource_with_its_schema_urn_description_and_location()
    {
        Assert.All(await AllSchemas(), schema =>
        {
            Assert.Equal(["urn:ietf:params:scim:schemas:core:2.0:Schema"], schema["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(schema["description"]!.GetValue<string>()));
            Assert.Equal("Schema", schema["meta"]!["resourceType"]!.GetValue<string>());
            Assert.Equal($"{server.BaseUrl}/Schemas/{schema["id"]}", schema["meta"]!["location"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Every_attribute_states_every_characteristic_with_the_rfc_vocabulary()
    {
        foreach (var (path, attribute) in EveryAttribute(await AllSchemas()))
        {
            foreach (var characteristic in CharacteristicNames)
                Assert.True(attribute[characteristic] is not null, $"{path} lacks {characteristic}");
            Assert.Matches(AttributeName(), attribute["name"]!.GetValue<string>());
            Assert.Contains(attribute["type"]!.GetValue<string>(), (string[])["string", "boolean", "decimal", "integer", "dateTime", "binary", "reference", "complex"]);
            Assert.Contains(attribute["mutability"]!.GetValue<string>(), (string[])["readOnly", "readWrite", "immutable", "writeOnly"]);
            Assert.Contains(attribute["returned"]!.GetValue<string>(), (string[])["always", "never", "default", "request"]);
            Assert.Contains(attribute["uniqueness"]!.GetValue<string>(), (string[])["none", "server", "global"]);
            foreach (var flag in new[] { "multiValued", "required", "caseExact" })
                Assert.True(attribute[flag]!.GetValueKind() is JsonValueKind.True or JsonValueKind.False, $"{path}.{flag} is not a boolean");
        }
    }

    [Fact]
    public async Task Complex_attributes_have_sub_attributes_that_are_never_complex()
    {
        var complexAttributes = EveryAttribute(await AllSchemas()).Where(entry => entry.Attribute["type"]!.GetValue<string>() == "complex").ToList();

        Assert.NotEmpty(complexAttributes);
        Assert.All(complexAttributes, entry =>
        {
            var subAttributes = entry.Attribute["subAttributes"]?.AsArray();
            Assert.True(subAttributes is { Count: > 0 }, $"{entry.Path} has no subAttributes");
            Assert.All(subAttributes, sub => Assert.NotEqual("complex", sub!["type"]!.GetValue<string>()));
        });
    }

    [Fact]
    public async Task Reference_attributes_name_their_reference_types_and_names_are_unique()
    {
        var schemas = await AllSchemas();

        Assert.All(EveryAttribute(schemas).Where(entry => entry.Attribute["type"]!.GetValue<string>() == "reference"), entry =>
            Assert.True(entry.Attribute["referenceTypes"] is JsonArray { Count: > 0 }, $"{entry.Path} has no referenceTypes"));
        foreach (var schema in schemas)
        {
            var names = schema["attributes"]!.AsArray().Select(attribute => attribute!["name"]!.GetValue<string>()).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public async Task User_matches_rfc_7643_for_the_attributes_the_server_enforces()
    {
        var user = (await server.Client.GetAsync($"/Schemas/{User}")).AssertStatus(HttpStatusCode.OK).Json;

        var userName = Attribute(user, "userName");
        Assert.True(userName["required"]!.GetValue<bool>());
        Assert.False(userName["caseExact"]!.GetValue<bool>());
        Assert.Equal("server", userName["uniqueness"]!.GetValue<string>());
        var password = Attribute(user, "password");
        Assert.Equal("writeOnly", password["mutability"]!.GetValue<string>());
        Assert.Equal("never", password["returned"]!.GetValue<string>());
        Assert.Equal("readOnly", Attribute(user, "groups")["mutability"]!.GetValue<string>());
        Assert.Equal(["work", "home", "other"], Attribute(Attribute(user, "emails"), "type")["canonicalValues"]!.AsArray().Select(value => value!.GetValue<string>()));
        Assert.Equal(
            ["userName", "name", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "active", "password",
             "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates"],
            user["attributes"]!.AsArray().Select(attribute => attribute!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Agent_schema_follows_the_draft_with_its_recommended_corrections()
    {
        var agent = (await server.Client.GetAsync($"/Schemas/{Agent}")).AssertStatus(HttpStatusCode.OK).Json;

        var name = Attribute(agent, "name");
        Assert.True(name["required"]!.GetValue<bool>());
        Assert.Equal("server", name["uniqueness"]!.GetValue<string>());
        Assert.Equal("string", Attribute(agent, "displayName")["type"]!.GetValue<string>());
        Assert.Equal("string", Attribute(agent, "description")["type"]!.GetValue<string>());
        Assert.NotNull(Attribute(Attribute(agent, "protocols"), "specificationUrl"));
        foreach (var provisioned in new[] { "subject", "owners", "protocols", "parent" })
            Assert.Equal("readWrite", Attribute(agent, provisioned)["mutability"]!.GetValue<string>());
        Assert.False(Attribute(agent, "parent")["multiValued"]!.GetValue<bool>());
        Assert.Equal("readOnly", Attribute(agent, "applications")["mutability"]!.GetValue<string>());
    }

    [Fact]
    public async Task Agentic_application_schema_follows_the_draft()
    {
        var application = (await server.Client.GetAsync($"/Schemas/{AgenticApplication}")).AssertStatus(HttpStatusCode.OK).Json;

        Assert.Equal("server", Attribute(application, "name")["uniqueness"]!.GetValue<string>());
        Assert.Equal("readOnly", Attribute(application, "lastAccessed")["mutability"]!.GetValue<string>());
        Assert.Equal("dateTime", Attribute(application, "lastAccessed")["type"]!.GetValue<string>());
        Assert.True(Attribute(Attribute(application, "oAuthConfiguration"), "redirectUri")["multiValued"]!.GetValue<bool>());
        Assert.Equal(["owned", "authorized", "guest"],
            Attribute(Attribute(application, "agents"), "type")["canonicalValues"]!.AsArray().Select(value => value!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_schema_is_404()
    {
        (await server.Client.GetAsync("/Schemas/urn:example:schemas:Nothing")).AssertScimError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ignores_paging_and_sorting_parameters_and_refuses_a_filter()
    {
        var paged = (await server.Client.GetAsync("/Schemas?startIndex=3&count=1&sortBy=name")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(5, paged.Resources.Count);
        Assert.Equal(User, paged.Resources[0]["id"]!.GetValue<string>());

        (await server.Client.GetAsync("/Schemas?filter=" + Uri.EscapeDataString($"id eq \"{User}\""))).AssertScimError(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("POST", "/Schemas")]
    [InlineData("PUT", "/Schemas/" + User)]
    [InlineData("PATCH", "/Schemas/" + User)]
    [InlineData("DELETE", "/Schemas/" + User)]
    public async Task Refuses_writes_with_405(string method, string path)
    {
        var reply = await server.Client.SendAsync(new HttpMethod(method), path, "{}");

        reply.AssertScimError(HttpStatusCode.MethodNotAllowed);
        Assert.Equal("GET", reply.Header("Allow"));
    }

    private async Task<IReadOnlyList<JsonObject>> AllSchemas() => (await server.Client.GetAsync("/Schemas")).Resources;

    private static JsonObject Attribute(JsonObject container, string name) =>
        (container["attributes"] ?? container["subAttributes"])!.AsArray().Single(attribute => attribute!["name"]!.GetValue<string>() == name)!.AsObject();

    private static IEnumerable<(string Path, JsonObject Attribute)> EveryAttribute(IEnumerable<JsonObject> schemas)
    {
        foreach (var schema in schemas)
        {
            foreach (var attribute in schema["attributes"]!.AsArray().Select(node => node!.AsObject()))
            {
                var path = $"{schema["name"]}.{attribute["name"]}";
                yield return (path, attribute);
                foreach (var sub in attribute["subAttributes"]?.AsArray().Select(node => node!.AsObject()) ?? [])
                    yield return ($"{path}.{sub["name"]}", sub);
            }
        }
    }

    // RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA; "$ref" is the one exception.
    [GeneratedRegex(@"^(\$ref|[A-Za-z][A-Za-z0-9_-]*)$")]
    private static partial Regex AttributeName();
}
