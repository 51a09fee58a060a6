using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer.Query;
using Scim.Conformance.Tests.Support;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.Query.QueryFixtures;

namespace Scim.Conformance.Tests.ReferenceServer.Query;

/// <summary>The catalog read from schema documents: names without regard to case, URNs, extensions, common attributes.</summary>
public class JsonSchemaAttributeCatalogTests
{
    // urn ("" for none), attribute, sub-attribute ("" for none) → "type,multiValued,caseExact,extension" or "null"
    public static TheoryData<string, string, string, string> Resolutions => new()
    {
        { "", "userName", "", "string,False,False," },
        { "", "USERNAME", "", "string,False,False," },
        { CoreUrn, "userName", "", "string,False,False," },
        { CoreUrn.ToUpperInvariant(), "username", "", "string,False,False," },
        { "", "emails", "", "complex,True,False," },
        { "", "EMAILS", "VALUE", "string,False,False," },
        { "", "emails", "primary", "boolean,False,False," },
        { "", "groups", "$ref", "reference,False,True," },
        { "", "x509Certificates", "value", "binary,False,True," },
        { "", "name", "familyName", "string,False,False," },
        { "", "active", "", "boolean,False,False," },
        // common attributes (RFC 7643 §3.1), with or without the core URN
        { "", "id", "", "string,False,True," },
        { "", "externalId", "", "string,False,True," },
        { CoreUrn, "ID", "", "string,False,True," },
        { "", "schemas", "", "reference,True,False," },
        { "", "meta", "", "complex,False,False," },
        { "", "meta", "created", "dateTime,False,False," },
        { "", "META", "LASTMODIFIED", "dateTime,False,False," },
        { "", "meta", "resourceType", "string,False,True," },
        { "", "meta", "version", "string,False,True," },
        { "", "meta", "location", "reference,False,True," },
        // extensions: qualified, or bare when no core or common attribute has the name
        { EnterpriseUrn, "employeeNumber", "", $"string,False,False,{EnterpriseUrn}" },
        { EnterpriseUrn.ToLowerInvariant(), "EMPLOYEENUMBER", "", $"string,False,False,{EnterpriseUrn}" },
        { "", "employeeNumber", "", $"string,False,False,{EnterpriseUrn}" },
        { EnterpriseUrn, "manager", "displayName", $"string,False,False,{EnterpriseUrn}" },
        { TestUrn, "loginCount", "", $"integer,False,False,{TestUrn}" },
        { TestUrn, "score", "", $"decimal,False,False,{TestUrn}" },
        { TestUrn, "tags", "", $"string,True,False,{TestUrn}" },
        { TestUrn, "title", "", $"string,False,True,{TestUrn}" },
        { "", "title", "", "string,False,False," },
        { CoreUrn, "title", "", "string,False,False," },
        // unknown
        { "", "nickname2", "", "null" },
        { "", "userName", "first", "null" },
        { "", "emails", "kind", "null" },
        { "", "meta", "etag", "null" },
        { CoreUrn, "employeeNumber", "", "null" },
        { EnterpriseUrn, "userName", "", "null" },
        { EnterpriseUrn, "id", "", "null" },
        { "urn:example:unknown", "userName", "", "null" },
    };

    [Theory]
    [MemberData(nameof(Resolutions))]
    public void Resolves_paths_to_their_characteristics(string urn, string attribute, string sub, string expected)
    {
        var info = Catalog.Resolve(urn.Length == 0 ? null : urn, attribute, sub.Length == 0 ? null : sub);

        Assert.Equal(expected, info is null ? "null" : $"{info.Type},{info.MultiValued},{info.CaseExact},{info.ExtensionSchema}");
    }

    [Fact]
    public void Complex_attributes_list_their_sub_attributes_and_names_keep_their_declared_spelling()
    {
        var emails = Catalog.Resolve(null, "EMAILS", null)!;

        Assert.Equal("emails", emails.Name);
        Assert.Equal(["value", "display", "type", "primary"], emails.SubAttributes!.Select(sub => sub.Name));
        Assert.Equal(["resourceType", "created", "lastModified", "location", "version"], Catalog.Resolve(null, "meta", null)!.SubAttributes!.Select(sub => sub.Name));
    }

    [Fact]
    public void Missing_characteristics_take_the_rfc_defaults_and_a_declared_common_attribute_wins()
    {
        var schema = Parse("""{ "id": "urn:example:Thing", "attributes": [ { "name": "label" }, { "name": "id", "type": "string", "caseExact": false } ] }""");
        var catalog = new JsonSchemaAttributeCatalog([schema], "urn:example:Thing");

        Assert.Equal(new AttributeInfo("string", false, false) { Name = "label" }, catalog.Resolve(null, "label", null));
        Assert.False(catalog.Resolve(null, "id", null)!.CaseExact);
        Assert.True(catalog.Resolve(null, "externalId", null)!.CaseExact);
        Assert.Empty(catalog.ExtensionSchemaIds);
    }

    [Fact]
    public void Builds_from_a_resource_type_document()
    {
        var resourceType = Parse($$"""
            { "id": "User", "name": "User", "endpoint": "/Users", "schema": "{{CoreUrn}}",
              "schemaExtensions": [ { "schema": "{{EnterpriseUrn}}", "required": false } ] }
            """);

        var catalog = JsonSchemaAttributeCatalog.ForResourceType(resourceType, [UserSchema, EnterpriseSchema, TestSchema]);

        Assert.Equal(CoreUrn, catalog.CoreSchemaId);
        Assert.Equal([EnterpriseUrn], catalog.ExtensionSchemaIds);
        Assert.NotNull(catalog.Resolve(EnterpriseUrn, "employeeNumber", null));
        // The test extension was offered as a document but is not part of this resource type.
        Assert.Null(catalog.Resolve(TestUrn, "loginCount", null));
        Assert.Null(catalog.Resolve(null, "loginCount", null));
    }

    [Fact]
    public void Reads_the_reference_servers_own_user_schemas()
    {
        var documents = new[] { "User.json", "EnterpriseUser.json" }
            .Select(file => Parse(File.ReadAllText(RepositoryRoot.File("fixtures", "ReferenceServer", "Schemas", file))))
            .ToList();

        var catalog = new JsonSchemaAttributeCatalog(documents, CoreUrn, [EnterpriseUrn]);

        Assert.Equal("complex", catalog.Resolve(null, "emails", null)!.Type);
        Assert.True(catalog.Resolve(null, "emails", null)!.MultiValued);
        Assert.Equal("boolean", catalog.Resolve(null, "active", null)!.Type);
        Assert.Equal("string", catalog.Resolve(null, "name", "familyName")!.Type);
        Assert.Equal(EnterpriseUrn, catalog.Resolve(EnterpriseUrn, "manager", "value")!.ExtensionSchema);
    }

    [Fact]
    public void Builds_a_catalog_for_every_resource_type_the_reference_server_serves()
    {
        var schemas = Directory.GetFiles(RepositoryRoot.File("fixtures", "ReferenceServer", "Schemas"), "*.json")
            .Select(file => Parse(File.ReadAllText(file))).ToList();
        var resourceTypes = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("fixtures", "ReferenceServer", "Discovery", "ResourceTypes.json")))!
            .AsArray().OfType<JsonObject>().ToList();

        Assert.NotEmpty(resourceTypes);
        foreach (var resourceType in resourceTypes)
        {
            var catalog = JsonSchemaAttributeCatalog.ForResourceType(resourceType, schemas);
            var evaluator = new FilterEvaluator(catalog);

            evaluator.Validate(ScimFilter.Parse($"id eq \"x\" or externalId pr or meta.created gt \"2024-01-01T00:00:00Z\" or meta.resourceType eq \"{resourceType["name"]}\""));
            Assert.Throws<FilterException>(() => evaluator.Validate(ScimFilter.Parse("noSuchAttribute eq \"x\"")));
        }
    }

    [Fact]
    public void Bad_input_is_refused_when_the_catalog_is_built()
    {
        Assert.Throws<ArgumentException>(() => new JsonSchemaAttributeCatalog([UserSchema], EnterpriseUrn));
        Assert.Throws<ArgumentException>(() => new JsonSchemaAttributeCatalog([UserSchema], CoreUrn, [EnterpriseUrn]));
        Assert.Throws<ArgumentException>(() => new JsonSchemaAttributeCatalog(
            [Parse("""{ "id": "urn:x:T", "attributes": [ { "name": "n", "type": "text" } ] }""")], "urn:x:T"));
        Assert.Throws<ArgumentException>(() => new JsonSchemaAttributeCatalog(
            [Parse("""{ "id": "urn:x:T", "attributes": [ { "type": "string" } ] }""")], "urn:x:T"));
        Assert.Throws<ArgumentException>(() => JsonSchemaAttributeCatalog.ForResourceType(new JsonObject { ["id"] = "User" }, [UserSchema]));
    }
}
