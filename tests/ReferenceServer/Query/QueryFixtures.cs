using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer.Query;

namespace Scim.Conformance.Tests.ReferenceServer.Query;

/// <summary>
/// Schemas and users for the filter and sort tests: a subset of the User and Enterprise User schemas of RFC 7643
/// §8.7.1, plus a test extension that brings the types User lacks (integer, decimal, dateTime, binary, a case-exact
/// string, a multi-valued string) and a <c>title</c> that clashes with the core one.
/// </summary>
internal static class QueryFixtures
{
    public const string CoreUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string TestUrn = "urn:example:params:scim:schemas:extension:test:2.0:User";

    public static readonly JsonObject UserSchema = Parse($$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
          "id": "{{CoreUrn}}",
          "name": "User",
          "attributes": [
            { "name": "userName", "type": "string", "multiValued": false, "required": true, "caseExact": false, "uniqueness": "server" },
            { "name": "name", "type": "complex", "multiValued": false, "subAttributes": [
                { "name": "formatted", "type": "string", "multiValued": false, "caseExact": false },
                { "name": "familyName", "type": "string", "multiValued": false, "caseExact": false },
                { "name": "givenName", "type": "string", "multiValued": false, "caseExact": false } ] },
            { "name": "displayName", "type": "string", "multiValued": false, "caseExact": false },
            { "name": "nickName", "type": "string", "multiValued": false, "caseExact": false },
            { "name": "title", "type": "string", "multiValued": false, "caseExact": false },
            { "name": "userType", "type": "string", "multiValued": false, "caseExact": false },
            { "name": "active", "type": "boolean", "multiValued": false },
            { "name": "emails", "type": "complex", "multiValued": true, "subAttributes": [
                { "name": "value", "type": "string", "multiValued": false, "caseExact": false },
                { "name": "display", "type": "string", "multiValued": false, "caseExact": false },
                { "name": "type", "type": "string", "multiValued": false, "caseExact": false, "canonicalValues": ["work", "home", "other"] },
                { "name": "primary", "type": "boolean", "multiValued": false } ] },
            { "name": "phoneNumbers", "type": "complex", "multiValued": true, "subAttributes": [
                { "name": "value", "type": "string", "multiValued": false, "caseExact": false },
                { "name": "type", "type": "string", "multiValued": false, "caseExact": false },
                { "name": "primary", "type": "boolean", "multiValued": false } ] },
            { "name": "groups", "type": "complex", "multiValued": true, "mutability": "readOnly", "subAttributes": [
                { "name": "value", "type": "string", "multiValued": false, "caseExact": false },
                { "name": "$ref", "type": "reference", "referenceTypes": ["User", "Group"], "multiValued": false, "caseExact": true },
                { "name": "display", "type": "string", "multiValued": false, "caseExact": false } ] },
            { "name": "x509Certificates", "type": "complex", "multiValued": true, "subAttributes": [
                { "name": "value", "type": "binary", "multiValued": false, "caseExact": true } ] }
          ]
        }
        """);

    public static readonly JsonObject EnterpriseSchema = Parse($$"""
        {
          "id": "{{EnterpriseUrn}}",
          "name": "EnterpriseUser",
          "attributes": [
            { "name": "employeeNumber", "type": "string", "multiValued": false, "caseExact": false },
            { "name": "costCenter", "type": "string", "multiValued": false, "caseExact": false },
            { "name": "department", "type": "string", "multiValued": false, "caseExact": false },
            { "name": "manager", "type": "complex", "multiValued": false, "subAttributes": [
                { "name": "value", "type": "string", "multiValued": false, "caseExact": false },
                { "name": "$ref", "type": "reference", "multiValued": false, "caseExact": false },
                { "name": "displayName", "type": "string", "multiValued": false, "caseExact": false } ] }
          ]
        }
        """);

    public static readonly JsonObject TestSchema = Parse($$"""
        {
          "id": "{{TestUrn}}",
          "name": "TestExtension",
          "attributes": [
            { "name": "loginCount", "type": "integer", "multiValued": false },
            { "name": "score", "type": "decimal", "multiValued": false },
            { "name": "lastLogin", "type": "dateTime", "multiValued": false },
            { "name": "tags", "type": "string", "multiValued": true, "caseExact": false },
            { "name": "badge", "type": "binary", "multiValued": false, "caseExact": true },
            { "name": "secretCode", "type": "string", "multiValued": false, "caseExact": true },
            { "name": "title", "type": "string", "multiValued": false, "caseExact": true }
          ]
        }
        """);

    public static JsonSchemaAttributeCatalog Catalog { get; } = new([UserSchema, EnterpriseSchema, TestSchema], CoreUrn, [EnterpriseUrn, TestUrn]);

    /// <summary>
    /// Four users. Instants worth knowing: created u1 2024-01-01T00:00Z, u2 19:00Z (written +05:00 on the next day),
    /// u3 22:00Z (written -02:00), u4 19:00Z; lastLogin u1 and u4 are the same instant written two ways.
    /// </summary>
    public static IReadOnlyList<JsonObject> Users() =>
    [
        Parse($$"""
            {
              "schemas": ["{{CoreUrn}}", "{{EnterpriseUrn}}", "{{TestUrn}}"],
              "id": "u1", "externalId": "Ext-A1", "userName": "bjensen",
              "name": { "formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara" },
              "displayName": "Babs Jensen", "title": "Tour Guide", "userType": "Employee", "active": true,
              "emails": [ { "value": "bj@example.com", "type": "work", "primary": true }, { "value": "babs@jensen.org", "type": "home" } ],
              "phoneNumbers": [ { "value": "555-555-8377", "type": "work" } ],
              "groups": [ { "value": "g1", "$ref": "https://example.com/v2/Groups/g1", "display": "Tour Guides" } ],
              "x509Certificates": [ { "value": "TUlJRA==" } ],
              "{{EnterpriseUrn}}": { "employeeNumber": "701984", "costCenter": "4130", "department": "Tour Operations",
                                     "manager": { "value": "u9", "displayName": "John Smith" } },
              "{{TestUrn}}": { "loginCount": 10, "score": 4.5, "lastLogin": "2024-03-01T10:00:00Z", "tags": ["red", "Blue"],
                               "badge": "AQID", "secretCode": "AbC", "title": "T-1000" },
              "meta": { "resourceType": "User", "created": "2024-01-01T00:00:00Z", "lastModified": "2024-06-01T12:00:00+02:00",
                        "version": "W/\"1\"", "location": "https://example.com/v2/Users/u1" }
            }
            """),
        Parse($$"""
            {
              "schemas": ["{{CoreUrn}}", "{{EnterpriseUrn}}", "{{TestUrn}}"],
              "id": "u2", "externalId": "ext-a1", "userName": "Alice",
              "name": { "familyName": "Smith", "givenName": "Alice" },
              "userType": "Intern", "active": false,
              "emails": [ { "value": "alice@example.org", "type": "work" }, { "value": "alice2@example.com", "type": "home", "primary": true } ],
              "{{EnterpriseUrn}}": { "employeeNumber": "42", "department": "R&D" },
              "{{TestUrn}}": { "loginCount": 9, "score": 10, "lastLogin": "2024-03-01T12:30:00+02:00", "tags": ["green"], "secretCode": "abc" },
              "meta": { "resourceType": "User", "created": "2024-01-02T00:00:00+05:00", "lastModified": "2024-05-01T00:00:00Z" }
            }
            """),
        Parse($$"""
            {
              "schemas": ["{{CoreUrn}}", "{{TestUrn}}"],
              "id": "u3", "userName": "carol", "title": "Zeta", "nickName": "", "name": {},
              "emails": [ { "value": "carol@example.com", "type": "home" } ],
              "{{TestUrn}}": { "loginCount": 100, "tags": [] },
              "meta": { "resourceType": "User", "created": "2024-01-01T20:00:00-02:00", "lastModified": "2024-01-01T20:00:00-02:00" }
            }
            """),
        Parse($$"""
            {
              "schemas": ["{{CoreUrn}}", "{{TestUrn}}"],
              "id": "u4", "userName": "d\"ave", "displayName": "C:\\dir\\\u00e9", "title": null, "emails": [],
              "active": true, "userType": "Contractor",
              "{{TestUrn}}": { "score": -0.5, "lastLogin": "2024-03-01T10:00:00.000+00:00" },
              "meta": { "resourceType": "user", "created": "2024-01-01T19:00:00Z" }
            }
            """),
    ];

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static string Ids(IEnumerable<JsonObject> resources) =>
        string.Join(",", resources.Select(resource => resource["id"]!.GetValue<string>()));
}
