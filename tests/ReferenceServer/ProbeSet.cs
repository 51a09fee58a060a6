using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// A fixed sequence of requests that touches everything a fault can change: the discovery documents with and without
/// credentials, content negotiation, list parameters, the life of a user and of groups (create, read with every kind
/// of attribute selection, replace, delete), queries (filters, sorting, index and cursor paging, POST /.search), and
/// the errors along the way. Run on a fresh server, the answers are reduced to text with everything run-specific
/// replaced by placeholders: the port, every cursor ({cursor}: they are signed with a key random to each server), and
/// each distinct id and timestamp by a number in order of first appearance ({id3}, {time7}), so that which values are
/// equal to which (an id in meta.location, lastModified against created) survives while the values themselves do not.
/// The answers of two servers can then be compared exactly. A timestamp from before the server started is marked as such
/// ({past-time2}): no honest server could have produced it.
/// </summary>
public static partial class ProbeSet
{
    private const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string Search = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    private const string SecondToken = "probe-second-token";

    private const string Agent = "urn:ietf:params:scim:schemas:core:2.0:Agent";
    private const string Application = "urn:ietf:params:scim:schemas:core:2.0:AgenticApplication";

    // One certificate for the whole test process, so the correct and the faulty servers see the same bytes.
    private static readonly string ProbeCertificate = TestCertificates.SelfSignedDerBase64("probe");
    private static readonly string ProbePem = PemEncoding.WriteString("CERTIFICATE", Convert.FromBase64String(ProbeCertificate)).Replace("\n", "\\n", StringComparison.Ordinal);
    private static readonly string ProbeCertificatePair = Convert.ToBase64String([.. Convert.FromBase64String(ProbeCertificate), .. Convert.FromBase64String(ProbeCertificate)]);

    private static readonly Probe[] Probes =
    [
        // Discovery
        new("anonymous configuration", HttpMethod.Get, "/ServiceProviderConfig", Token: null),
        new("configuration", HttpMethod.Get, "/ServiceProviderConfig"),
        new("filtered configuration", HttpMethod.Get, "/ServiceProviderConfig?filter=" + Uri.EscapeDataString("id eq \"x\"")),
        new("replace configuration", HttpMethod.Put, "/ServiceProviderConfig", "{}"),
        new("patch configuration", HttpMethod.Patch, "/ServiceProviderConfig", "{}"),
        new("schemas", HttpMethod.Get, "/Schemas"),
        new("paged schemas", HttpMethod.Get, "/Schemas?startIndex=2&count=1"),
        new("filtered schemas", HttpMethod.Get, "/Schemas?filter=" + Uri.EscapeDataString("name eq \"User\"")),
        new("User schema", HttpMethod.Get, "/Schemas/" + User),
        new("Group schema", HttpMethod.Get, "/Schemas/" + Group),
        new("EnterpriseUser schema", HttpMethod.Get, "/Schemas/" + Enterprise),
        new("Agent schema", HttpMethod.Get, "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Agent"),
        new("AgenticApplication schema", HttpMethod.Get, "/Schemas/urn:ietf:params:scim:schemas:core:2.0:AgenticApplication"),
        new("replace User schema", HttpMethod.Put, "/Schemas/" + User, "{}"),
        new("resource types", HttpMethod.Get, "/ResourceTypes"),
        new("paged resource types", HttpMethod.Get, "/ResourceTypes?startIndex=2&count=1"),
        new("filtered resource types", HttpMethod.Get, "/ResourceTypes?filter=" + Uri.EscapeDataString("name eq \"User\"")),
        new("User resource type", HttpMethod.Get, "/ResourceTypes/User"),
        new("Group resource type", HttpMethod.Get, "/ResourceTypes/Group"),
        new("Agent resource type", HttpMethod.Get, "/ResourceTypes/Agent"),
        new("AgenticApplication resource type", HttpMethod.Get, "/ResourceTypes/AgenticApplication"),

        // Authentication and content negotiation
        new("anonymous users", HttpMethod.Get, "/Users", Token: null),
        new("users with a wrong token", HttpMethod.Get, "/Users", Token: "wrong-token"),
        new("users accepting scim+json", HttpMethod.Get, "/Users", Accept: "application/scim+json"),
        new("users accepting json", HttpMethod.Get, "/Users", Accept: "application/json"),
        new("users accepting html", HttpMethod.Get, "/Users", Accept: "text/html"),
        new("create user labelled text", HttpMethod.Post, "/Users", UserBody("probe-text"), ContentType: "text/plain"),
        new("create user labelled json", HttpMethod.Post, "/Users", UserBody("probe-json"), ContentType: "application/json"),

        // Creates: a manager, a group, then a user touching every kind of attribute and every server-assigned value
        new("create manager", HttpMethod.Post, "/Users", $$"""{"schemas":["{{User}}"],"userName":"probe-manager","displayName":"Probe Manager"}""", Saves: "manager"),
        new("create group", HttpMethod.Post, "/Groups", $$"""{"schemas":["{{Group}}"],"displayName":"probes"}""", Saves: "group"),
        new("create user", HttpMethod.Post, "/Users", $$"""
            {"schemas":["{{User}}","{{Enterprise}}"],"id":"client-chosen","externalId":"Ext-A1","userName":"Probe-User",
             "displayName":"Zoë Ångström 日本","nickName":"probie","name":{"familyName":"Jensen","givenName":"Barbara"},"active":false,
             "password":"t1meMachine","emails":[{"value":"probe@example.com","type":"work","primary":true}],
             "phoneNumbers":[{"value":"+1-555-0100","type":"work"}],"groups":[{"value":"{group}"}],
             "meta":{"created":"2001-01-01T00:00:00Z","resourceType":"Group","location":"https://evil.example/x"},
             "{{Enterprise}}":{"employeeNumber":"701984","manager":{"value":"{manager}","displayName":"rid-fake"} } }
            """, Saves: "user"),
        new("create user with schemas last", HttpMethod.Post, "/Users", $$"""{"userName":"probe-order","schemas":["{{User}}"]}"""),
        new("create user with a certificate that is not base64", HttpMethod.Post, "/Users",
            $$"""{"schemas":["{{User}}"],"userName":"probe-certificate","x509Certificates":[{"value":"not base64!"}]}"""),
        new("create duplicate user", HttpMethod.Post, "/Users", UserBody("Probe-User")),
        new("create duplicate user in other case", HttpMethod.Post, "/Users", UserBody("probe-user")),
        new("create user without userName", HttpMethod.Post, "/Users", $$"""{"schemas":["{{User}}"],"displayName":"nameless"}"""),
        new("create user with empty userName", HttpMethod.Post, "/Users", UserBody("")),
        new("create user without schemas", HttpMethod.Post, "/Users", """{"userName":"probe-no-schemas"}"""),
        new("create user with two primaries", HttpMethod.Post, "/Users", $$"""
            {"schemas":["{{User}}"],"userName":"probe-primaries","emails":[{"value":"a@example.com","primary":true},{"value":"b@example.com","primary":true}]}
            """),
        new("create user with a repeated email", HttpMethod.Post, "/Users", $$"""
            {"schemas":["{{User}}"],"userName":"probe-repeats","emails":[{"value":"a@example.com","type":"work"},{"value":"a@example.com","type":"work"}]}
            """),
        new("create user with a wrong type", HttpMethod.Post, "/Users", $$"""{"schemas":["{{User}}"],"userName":"probe-typed","active":"notaboolean"}"""),
        new("create user from malformed JSON", HttpMethod.Post, "/Users", """{"schemas":"""),
        new("create user selecting attributes", HttpMethod.Post, "/Users?attributes=userName", UserBody("probe-selected")),
        new("create group without displayName", HttpMethod.Post, "/Groups", $$"""{"schemas":["{{Group}}"]}"""),
        new("create group with a taken displayName", HttpMethod.Post, "/Groups", $$"""{"schemas":["{{Group}}"],"displayName":"probes"}"""),
        new("create group with an unknown member", HttpMethod.Post, "/Groups", $$"""{"schemas":["{{Group}}"],"displayName":"lost","members":[{"value":"no-such-id"}]}"""),
        new("create nested group", HttpMethod.Post, "/Groups", $$"""
            {"schemas":["{{Group}}"],"displayName":"outer","members":[{"value":"{group}"},{"value":"{user}"}]}
            """, Saves: "outer"),
        new("create user with two emails", HttpMethod.Post, "/Users", $$"""
            {"schemas":["{{User}}"],"userName":"probe-emails","emails":[{"value":"w@example.com","type":"work"},{"value":"h@example.org","type":"home"}]}
            """),

        // Reads
        new("user", HttpMethod.Get, "/Users/{user}"),
        new("manager", HttpMethod.Get, "/Users/{manager}"),
        new("outer group", HttpMethod.Get, "/Groups/{outer}"),
        new("user selecting userName", HttpMethod.Get, "/Users/{user}?attributes=userName"),
        new("user selecting USERNAME", HttpMethod.Get, "/Users/{user}?attributes=USERNAME"),
        new("user selecting name.familyName", HttpMethod.Get, "/Users/{user}?attributes=name.familyName"),
        new("user selecting name", HttpMethod.Get, "/Users/{user}?attributes=name"),
        new("user selecting userName and emails", HttpMethod.Get, "/Users/{user}?attributes=userName,emails"),
        new("user selecting a qualified userName", HttpMethod.Get, $"/Users/{{user}}?attributes={User}:userName"),
        new("user selecting an extension attribute", HttpMethod.Get, $"/Users/{{user}}?attributes={Enterprise}:employeeNumber"),
        new("user selecting password", HttpMethod.Get, "/Users/{user}?attributes=password"),
        new("user excluding emails", HttpMethod.Get, "/Users/{user}?excludedAttributes=emails"),
        new("user excluding id", HttpMethod.Get, "/Users/{user}?excludedAttributes=id"),
        new("user with an unknown parameter", HttpMethod.Get, "/Users/{user}?rid_unknown=1"),
        new("unknown user", HttpMethod.Get, "/Users/no-such-id"),
        new("unknown endpoint", HttpMethod.Get, "/NoSuchEndpoint"),
        new("users", HttpMethod.Get, "/Users"),
        new("users selecting userName", HttpMethod.Get, "/Users?attributes=userName"),
        new("groups", HttpMethod.Get, "/Groups"),

        // Queries: filters, sorting, index and cursor pagination, and POST /.search, over the users created above
        Filtered("users equal to a prefix", "userName eq \"probe\""),
        Filtered("users equal in another case", "userName eq \"PROBE-USER\""),
        Filtered("users not equal", "userName ne \"Probe-User\""),
        Filtered("users containing", "userName co \"user\""),
        Filtered("users starting with a whole name", "userName sw \"probe-order\""),
        Filtered("users ending with", "userName ew \"order\""),
        Filtered("users with a nickName", "nickName pr"),
        Filtered("users after a name", "userName gt \"probe-s\""),
        Filtered("users ordered by a boolean", "active gt false"),
        Filtered("users matching both", "userName sw \"probe-m\" and displayName pr"),
        Filtered("users matching either", "userName eq \"probe-order\" or userName eq \"probe-json\""),
        Filtered("users not matching", "userName sw \"probe\" and not (nickName pr)"),
        Filtered("users grouped", "userName eq \"probe-order\" and (nickName pr or userName sw \"probe-j\")"),
        Filtered("users by precedence", "userName eq \"probe-json\" or userName eq \"probe-order\" and nickName pr"),
        Filtered("users by one email", "emails[type eq \"work\" and value ew \".org\"]"),
        Filtered("users by any email", "emails.value eq \"h@example.org\""),
        Filtered("users by a sub-attribute", "name.familyName eq \"Jensen\""),
        Filtered("users by a qualified name", $"{User}:userName eq \"probe-order\""),
        Filtered("users by an extension attribute", $"{Enterprise}:employeeNumber eq \"701984\""),
        Filtered("users by an upper-case name", "USERNAME eq \"probe-order\""),
        Filtered("users by an upper-case operator", "userName EQ \"probe-order\""),
        Filtered("users by a case-exact value", "externalId eq \"ext-a1\""),
        Filtered("users by an unquoted value", "userName eq probe-order"),
        Filtered("users by an unknown operator", "userName regex \"x\""),
        Filtered("users by a filter with a dangling and", "userName eq \"probe-order\" and"),
        Filtered("users by the Group schema", $"schemas eq \"{Group}\""),
        new("groups filtered", HttpMethod.Get, "/Groups?attributes=displayName&filter=" + Uri.EscapeDataString("displayName eq \"outer\"")),
        new("everything filtered", HttpMethod.Get, "/?attributes=userName,displayName&filter=" + Uri.EscapeDataString("meta.resourceType eq \"Group\" or userName eq \"probe-order\"")),
        new("everything by userName", HttpMethod.Get, "/?attributes=userName,displayName&filter=" + Uri.EscapeDataString("userName sw \"probe\"")),
        new("users sorted", HttpMethod.Get, "/Users?attributes=userName&sortBy=userName"),
        new("users sorted descending by USERNAME", HttpMethod.Get, "/Users?attributes=userName&sortBy=USERNAME&sortOrder=descending"),
        new("users sorted by nickName", HttpMethod.Get, "/Users?attributes=userName&sortBy=nickName"),
        new("users sorted by email", HttpMethod.Get, "/Users?attributes=userName&sortBy=emails.value&filter=" + Uri.EscapeDataString("emails pr")),
        new("users sorted by familyName", HttpMethod.Get, "/Users?attributes=userName&sortBy=name.familyName"),
        new("first users sorted descending", HttpMethod.Get, "/Users?attributes=userName&sortBy=userName&sortOrder=descending&count=2"),
        new("second page of users", HttpMethod.Get, "/Users?attributes=userName&startIndex=2&count=2"),
        new("users from index 0", HttpMethod.Get, "/Users?attributes=userName&startIndex=0&count=1"),
        new("no users", HttpMethod.Get, "/Users?attributes=userName&count=0"),
        new("users beyond the end", HttpMethod.Get, "/Users?attributes=userName&startIndex=100"),
        new("first cursor page", HttpMethod.Get, "/Users?attributes=userName&sortBy=userName&count=2&cursor", Saves: "cursor", SavedMember: "nextCursor"),
        new("next cursor page", HttpMethod.Get, "/Users?attributes=userName&sortBy=userName&count=2&cursor={cursor}"),
        new("next cursor page as another client", HttpMethod.Get, "/Users?attributes=userName&sortBy=userName&count=2&cursor={cursor}", Token: SecondToken),
        new("next cursor page with another count", HttpMethod.Get, "/Users?attributes=userName&sortBy=userName&count=3&cursor={cursor}"),
        new("only cursor page", HttpMethod.Get, "/Users?attributes=userName&count=100&cursor"),
        new("empty cursor page", HttpMethod.Get, "/Users?attributes=userName&count=0&cursor"),
        new("forged cursor page", HttpMethod.Get, "/Users?attributes=userName&count=2&cursor=forged"),
        new("expired cursor page", HttpMethod.Get, "/Users?attributes=userName&sortBy=userName&count=2&cursor={cursor}", Wait: TimeSpan.FromHours(1)),
        new("search", HttpMethod.Post, "/Users/.search", $$"""
            {"schemas":["{{Search}}"],"filter":"userName sw \"probe-o\"","attributes":["userName"],"excludedAttributes":["meta"]}
            """),
        new("search with a malformed filter", HttpMethod.Post, "/Users/.search", $$"""{"schemas":["{{Search}}"],"filter":"userName eq"}"""),
        new("search by cursor", HttpMethod.Post, "/Users/.search", $$"""{"schemas":["{{Search}}"],"attributes":["userName"],"count":1,"cursor":""}"""),
        new("search everything", HttpMethod.Post, "/.search", $$"""{"schemas":["{{Search}}"],"attributes":["userName"],"filter":"userName sw \"probe-m\""}"""),
        new("search with a user", HttpMethod.Post, "/Users/.search", UserBody("probe-search")),

        // Unsupported operations, replace and delete
        new("patch user", HttpMethod.Patch, "/Users/{user}", "{}"),
        new("bulk", HttpMethod.Post, "/Bulk", "{}"),
        new("replace user", HttpMethod.Put, "/Users/{user}", $$"""
            {"schemas":["{{User}}"],"id":"other-id","userName":"Probe-User","nickName":null,"phoneNumbers":[],
             "emails":[{"value":"new@example.com","type":"home"}],"groups":[],"meta":{"created":"2001-01-01T00:00:00Z"} }
            """),
        new("user after replace", HttpMethod.Get, "/Users/{user}"),
        new("replace manager without userName", HttpMethod.Put, "/Users/{manager}", $$"""{"schemas":["{{User}}"],"displayName":"Nameless"}"""),
        new("replace manager with a taken userName", HttpMethod.Put, "/Users/{manager}", UserBody("probe-user")),
        new("replace unknown user", HttpMethod.Put, "/Users/no-such-id", UserBody("probe-phantom")),
        new("replace outer group", HttpMethod.Put, "/Groups/{outer}?excludedAttributes=meta",
            $$"""{"schemas":["{{Group}}"],"displayName":"outer","members":[{"value":"{manager}"}]}"""),
        new("delete user", HttpMethod.Delete, "/Users/{user}"),
        new("deleted user", HttpMethod.Get, "/Users/{user}"),
        new("users after delete", HttpMethod.Get, "/Users?attributes=userName"),
        new("recreate user", HttpMethod.Post, "/Users", UserBody("Probe-User")),
        new("delete unknown user", HttpMethod.Delete, "/Users/no-such-id"),
        new("agents", HttpMethod.Get, "/Agents"),
        new("agentic applications", HttpMethod.Get, "/AgenticApplications"),
        new("applications", HttpMethod.Get, "/Applications"),

        // Agents and AgenticApplications (draft-abbey-scim-agent-extension-00): links, certificates, names, filters
        new("create agent owner", HttpMethod.Post, "/Users", UserBody("probe-agent-owner"), Saves: "agentowner"),
        new("create parent agent", HttpMethod.Post, "/Agents", AgentBody("Probe Parent Agent"), Saves: "parentagent"),
        new("create agent", HttpMethod.Post, "/Agents",
            $$"""
            {"schemas":["{{Agent}}"],"name":"Probe-Agent","externalId":"probe-agent-ext","agentType":"Assistant","subject":"probe-sub",
             "owners":[{"value":"{agentowner}"}],"parent":{"value":"{parentagent}"},
             "protocols":[{"type":"A2A","specificationUrl":"https://probe.example.com/agent-card.json"}],
             "applications":[{"value":"made-up-application"}],"x509Certificates":[{"value":"{{ProbeCertificate}}"}]}
            """, Saves: "agent"),
        new("create agent in another case", HttpMethod.Post, "/Agents", AgentBody("PROBE-AGENT")),
        new("create nameless agent", HttpMethod.Post, "/Agents", $$"""{"schemas":["{{Agent}}"],"agentType":"Assistant"}"""),
        new("create agent with an unknown parent", HttpMethod.Post, "/Agents",
            $$"""{"schemas":["{{Agent}}"],"name":"probe-orphan","parent":{"value":"no-such-agent"} }"""),
        new("create agent with two primary roles", HttpMethod.Post, "/Agents",
            $$"""{"schemas":["{{Agent}}"],"name":"probe-roles","roles":[{"value":"a","primary":true},{"value":"b","primary":true}]}"""),
        new("create agent with a PEM certificate", HttpMethod.Post, "/Agents", CertificateAgentBody("probe-pem", ProbePem)),
        new("create agent with two certificates in one value", HttpMethod.Post, "/Agents", CertificateAgentBody("probe-pair", ProbeCertificatePair)),
        new("create agent with a non-certificate", HttpMethod.Post, "/Agents", CertificateAgentBody("probe-bytes", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")),
        new("create agentic application", HttpMethod.Post, "/AgenticApplications",
            $$"""
            {"schemas":["{{Application}}"],"name":"Probe-App","externalId":"probe-app-ext","lastAccessed":"2001-02-03T04:05:06Z",
             "agents":[{"value":"{agent}","type":"owned"}],"externalIdentifiers":[{"type":"ssoTenantId","value":"00abc123","system":"https://idp.example.com"}],
             "applicationUrls":[{"type":"homepage","value":"https://probe.example.com"}]}
            """, Saves: "app"),
        new("create application in another case", HttpMethod.Post, "/AgenticApplications", $$"""{"schemas":["{{Application}}"],"name":"PROBE-APP"}"""),
        new("create second application", HttpMethod.Post, "/AgenticApplications", $$"""{"schemas":["{{Application}}"],"name":"Probe-App Beta","description":"probe description"}""", Saves: "app2"),
        new("create nameless application", HttpMethod.Post, "/AgenticApplications", $$"""{"schemas":["{{Application}}"],"description":"no name"}"""),
        new("create group of agents", HttpMethod.Post, "/Groups",
            $$"""{"schemas":["{{Group}}"],"displayName":"probe-agent-group","members":[{"value":"{agent}"}]}"""),
        new("create application with two primary urls", HttpMethod.Post, "/AgenticApplications",
            $$"""{"schemas":["{{Application}}"],"name":"probe-urls","applicationUrls":[{"type":"homepage","value":"https://a.probe.example.com","primary":true},{"type":"homepage","value":"https://b.probe.example.com","primary":true}]}"""),
        new("second application as read", HttpMethod.Get, "/AgenticApplications/{app2}"),
        new("second application given the first one's name", HttpMethod.Put, "/AgenticApplications/{app2}?attributes=name",
            $$"""{"schemas":["{{Application}}"],"name":"Probe-App"}"""),
        new("group without its id", HttpMethod.Get, "/Groups/{group}?excludedAttributes=id"),
        new("create agent with a protocol type outside the canonical values", HttpMethod.Post, "/Agents?attributes=protocols",
            $$"""{"schemas":["{{Agent}}"],"name":"probe-protocol","protocols":[{"type":"probe-protocol-type","specificationUrl":"https://probe.example.com/p.json"}]}"""),
        new("create group to delete", HttpMethod.Post, "/Groups", $$"""{"schemas":["{{Group}}"],"displayName":"probe-gone"}""", Saves: "deletedgroup"),
        new("delete group", HttpMethod.Delete, "/Groups/{deletedgroup}"),
        new("deleted group", HttpMethod.Get, "/Groups/{deletedgroup}"),
        new("agent with its links", HttpMethod.Get, "/Agents/{agent}"),
        new("application with its links", HttpMethod.Get, "/AgenticApplications/{app}"),
        new("agents by name", HttpMethod.Get, "/Agents?attributes=name&filter=" + Uri.EscapeDataString("name eq \"Probe-Agent\"")),
        new("applications by name", HttpMethod.Get, "/AgenticApplications?attributes=name&filter=" + Uri.EscapeDataString("name eq \"Probe-App\"")),
        new("delete parent agent", HttpMethod.Delete, "/Agents/{parentagent}"),
        new("orphaned agent", HttpMethod.Get, "/Agents/{agent}?attributes=parent"),
        new("deactivate agent", HttpMethod.Put, "/Agents/{agent}?attributes=active", $$"""{"schemas":["{{Agent}}"],"name":"Probe-Agent","active":false}"""),
        Patched("patch agent", "/Agents/{agent}?attributes=externalId", """{"op":"replace","path":"externalId","value":"probe-agent-patched"}"""),
        new("agent after patch", HttpMethod.Get, "/Agents/{agent}?attributes=externalId"),
        new("applications by name in another case", HttpMethod.Get, "/AgenticApplications?attributes=name&filter=" + Uri.EscapeDataString("name eq \"pROBE-aPP\"")),
        Patched("patch agent read-only applications", "/Agents/{agent}?attributes=applications", """{"op":"add","path":"applications","value":[{"value":"00000000-0000-4000-8000-000000000001"}]}"""),
        // Attribute notation, ETags and conditional requests, Bulk, /Me and asynchronous requests
        new("create user with capitalised names", HttpMethod.Post, "/Users", $$"""{"schemas":["{{User}}"],"UserName":"probe-case"}"""),
        new("create versioned user", HttpMethod.Post, "/Users", UserBody("probe-etag"), Saves: "etag"),
        new("read versioned user", HttpMethod.Get, "/Users/{etag}", Saves: "version", SavedMember: "meta.version"),
        new("read unchanged", HttpMethod.Get, "/Users/{etag}", Headers: new() { ["If-None-Match"] = "{version}" }),
        new("read unchanged with the strong form", HttpMethod.Get, "/Users/{etag}", Headers: new() { ["If-None-Match"] = "{strong-version}" }),
        new("replace with a stale version", HttpMethod.Put, "/Users/{etag}", UserBody("probe-etag"), Headers: new() { ["If-Match"] = "W/\"stale\"" }),
        new("replace with the current version", HttpMethod.Put, "/Users/{etag}", $$"""{"schemas":["{{User}}"],"userName":"probe-etag","displayName":"Changed"}""",
            Headers: new() { ["If-Match"] = "{version}" }, Saves: "new-version", SavedMember: "header:ETag"),
        new("read with the version before the change", HttpMethod.Get, "/Users/{etag}", Headers: new() { ["If-None-Match"] = "{version}" }),
        new("read with the version the change answered", HttpMethod.Get, "/Users/{etag}", Headers: new() { ["If-None-Match"] = "{new-version}" }),
        new("delete with a stale version", HttpMethod.Delete, "/Users/{etag}", Headers: new() { ["If-Match"] = "W/\"stale\"" }),
        new("bulk", HttpMethod.Post, "/Bulk", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
             {"method":"POST","path":"/Groups","bulkId":"g","data":{"schemas":["{{Group}}"],"displayName":"bulk group","members":[{"value":"bulkId:r"}]} },
             {"method":"POST","path":"/Users","bulkId":"r","data":{"schemas":["{{User}}","{{Enterprise}}"],"userName":"probe-report",
              "{{Enterprise}}":{"manager":{"value":"bulkId:m"} } } },
             {"method":"POST","path":"/Users","bulkId":"m","data":{"schemas":["{{User}}"],"userName":"probe-boss"} },
             {"method":"POST","path":"/Users","data":{"schemas":["{{User}}"],"userName":"probe-no-bulk-id"} },
             {"method":"POST","path":"/Users","bulkId":"d","data":{"schemas":["{{User}}"],"userName":"Probe-User"} },
             {"method":"PUT","path":"/Users/{etag}","version":"W/\"stale\"","data":{"schemas":["{{User}}"],"userName":"probe-etag"} },
             {"method":"DELETE","path":"/Users/{etag}"},
             {"method":"POST","path":"/Groups","bulkId":"c1","data":{"schemas":["{{Group}}"],"displayName":"c1","members":[{"value":"bulkId:c2"}]} },
             {"method":"POST","path":"/Groups","bulkId":"c2","data":{"schemas":["{{Group}}"],"displayName":"c2","members":[{"value":"bulkId:c1"}]} }]}
            """),
        new("versioned user after bulk", HttpMethod.Get, "/Users/{etag}"),
        Filtered("report after bulk", "userName eq \"probe-report\"") with { Path = "/Users?filter=" + Uri.EscapeDataString("userName eq \"probe-report\"") + "&attributes=" + Enterprise + ":manager" },
        new("bulk stopping at the first error", HttpMethod.Post, "/Bulk", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"failOnErrors":1,"Operations":[
             {"method":"DELETE","path":"/Users/no-such-id"},{"method":"DELETE","path":"/Users/no-such-id-either"}]}
            """),
        new("bulk with too many operations", HttpMethod.Post, "/Bulk", BulkOfDeletes(101)),
        new("bulk too large", HttpMethod.Post, "/Bulk", BulkOfDeletes(1, padding: 1_048_576)),
        new("create async user", HttpMethod.Post, "/Users", UserBody("probe-async"), Saves: "async"),
        new("replace asynchronously", HttpMethod.Put, "/Users/{async}", $$"""{"schemas":["{{User}}"],"userName":"probe-async","displayName":"Later"}""",
            Headers: new() { ["Prefer"] = "respond-async" }, Saves: "async-result", SavedMember: "header:Location"),
        new("asynchronous result", HttpMethod.Get, "{async-result}", Accept: "application/secevent+jwt, */*;q=0.1"),
        new("anonymous asynchronous result", HttpMethod.Get, "{async-result}", Token: null),
        new("replace asynchronously with a taken userName", HttpMethod.Put, "/Users/{async}", UserBody("Probe-User"),
            Headers: new() { ["Prefer"] = "respond-async" }, Saves: "async-failure", SavedMember: "header:Location"),
        new("asynchronous failure", HttpMethod.Get, "{async-failure}", Accept: "application/secevent+jwt, */*;q=0.1"),
        new("me", HttpMethod.Get, "/Me"),

        // Deactivation path: a deactivated resource stays, its owner's agents follow, deletions leave no references,
        // and the Agent credentials of the reference server end with the Agent
        new("deactivated agent", HttpMethod.Get, "/Agents/{agent}?attributes=active"),
        new("inactive agents", HttpMethod.Get, "/Agents?attributes=active&filter=" + Uri.EscapeDataString("active eq false")),
        new("create leaver", HttpMethod.Post, "/Users", LeaverBody("probe-leaver", active: true), Saves: "leaver"),
        new("create agent of leaver", HttpMethod.Post, "/Agents?attributes=active",
            $$"""{"schemas":["{{Agent}}"],"name":"probe-leavers-agent","subject":"probe-leaver-sub","active":true,"owners":[{"value":"{leaver}"}]}""", Saves: "leaveragent"),
        new("deactivate leaver", HttpMethod.Put, "/Users/{leaver}", LeaverBody("probe-leaver", active: false)),
        new("deactivated leaver", HttpMethod.Get, "/Users/{leaver}"),
        new("agent of deactivated leaver", HttpMethod.Get, "/Agents/{leaveragent}?attributes=active"),
        new("credential for an agent of a deactivated leaver", HttpMethod.Post, "/Demo/AgentTokens", """{"subject":"probe-leaver-sub"}"""),
        new("deactivate leaver again", HttpMethod.Put, "/Users/{leaver}", LeaverBody("probe-leaver", active: false)),
        new("reactivate leaver", HttpMethod.Put, "/Users/{leaver}?attributes=active", LeaverBody("probe-leaver", active: true)),
        new("reactivated leaver", HttpMethod.Get, "/Users/{leaver}?attributes=active"),
        new("deactivate leaver without a path", HttpMethod.Patch, "/Users/{leaver}?attributes=active",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}"""),
        new("create deleted owner", HttpMethod.Post, "/Users", LeaverBody("probe-deleted-owner", active: true), Saves: "goneowner"),
        new("create agent of deleted owner", HttpMethod.Post, "/Agents?attributes=active",
            $$"""{"schemas":["{{Agent}}"],"name":"probe-orphaned-agent","subject":"probe-orphan-sub","active":true,"owners":[{"value":"{goneowner}"}]}""", Saves: "goneagent"),
        new("create group of deleted owner", HttpMethod.Post, "/Groups",
            $$"""{"schemas":["{{Group}}"],"displayName":"probe-deleted-owners","members":[{"value":"{goneowner}"}]}""", Saves: "gonegroup"),
        new("delete owner", HttpMethod.Delete, "/Users/{goneowner}"),
        new("agent of deleted owner", HttpMethod.Get, "/Agents/{goneagent}?attributes=active"),
        new("group of deleted owner", HttpMethod.Get, "/Groups/{gonegroup}?attributes=members"),
        new("delete orphaned agent", HttpMethod.Delete, "/Agents/{goneagent}"),
        new("credential for a deleted agent", HttpMethod.Post, "/Demo/AgentTokens", """{"subject":"probe-orphan-sub"}"""),
        // PATCH (RFC 7644 §3.5.2) on a user and a group of its own, then the identity-provider dialects
        new("create user to patch", HttpMethod.Post, "/Users", $$"""
            {"schemas":["{{User}}"],"userName":"probe-patch","nickName":"p","name":{"familyName":"Jensen","givenName":"B"},"active":true,
             "emails":[{"value":"w@example.com","type":"work","primary":true},{"value":"h@example.org","type":"home"}],
             "addresses":[{"type":"work","streetAddress":"1 Main","locality":"Hollywood"}]}
            """, Saves: "patchee"),
        new("create group to patch", HttpMethod.Post, "/Groups", $$"""{"schemas":["{{Group}}"],"displayName":"patch-probes","members":[{"value":"{manager}"}]}""", Saves: "patchgroup"),
        new("patch with the User schema", HttpMethod.Patch, "/Users/{patchee}", $$"""{"schemas":["{{User}}"],"Operations":[{"op":"replace","path":"nickName","value":"s"}]}"""),
        Patched("patch without operations", "/Users/{patchee}", ""),
        Patched("patch with op move", "/Users/{patchee}", """{"op":"move","path":"nickName","value":"m"}"""),
        Patched("patch add without value", "/Users/{patchee}", """{"op":"add","path":"title"}"""),
        Patched("patch in order", "/Users/{patchee}", """{"op":"add","path":"nickName","value":"a"},{"op":"replace","path":"nickName","value":"b"}"""),
        new("user after patch in order", HttpMethod.Get, "/Users/{patchee}"),
        Patched("patch selecting userName", "/Users/{patchee}?attributes=userName", """{"op":"replace","path":"title","value":"T"}"""),
        Patched("patch that fails halfway", "/Users/{patchee}", """{"op":"replace","path":"nickName","value":"x"},{"op":"replace","path":"emails[type eq \"none\"].value","value":"y"}"""),
        new("user after a failed patch", HttpMethod.Get, "/Users/{patchee}"),
        Patched("patch unknown user", "/Users/no-such-id", """{"op":"replace","path":"nickName","value":"x"}"""),
        Patched("patch adding an existing email", "/Users/{patchee}", """{"op":"add","path":"emails","value":[{"value":"w@example.com","type":"work"}]}"""),
        Patched("patch an upper-case path", "/Users/{patchee}", """{"op":"replace","path":"NICKNAME","value":"upper"}"""),
        Patched("patch a malformed path", "/Users/{patchee}", """{"op":"replace","path":"emails[type eq","value":"x"}"""),
        Patched("patch a URN path", "/Users/{patchee}", $$"""{"op":"replace","path":"{{User}}:nickName","value":"urn"}"""),
        Patched("patch an extension path", "/Users/{patchee}", $$"""{"op":"add","path":"{{Enterprise}}:employeeNumber","value":"1"}"""),
        Patched("patch primary", "/Users/{patchee}", """{"op":"replace","path":"emails[type eq \"home\"].primary","value":true}"""),
        Patched("patch a sub-attribute by filter", "/Users/{patchee}", """{"op":"replace","path":"addresses[type eq \"work\"].streetAddress","value":"1010 Broadway"}"""),
        Patched("patch remove by filter", "/Users/{patchee}", """{"op":"remove","path":"emails[type eq \"home\"]"}"""),
        Patched("patch replace through a filter matching nothing", "/Users/{patchee}", """{"op":"replace","path":"emails[type eq \"none\"].value","value":"n@example.com"}"""),
        Patched("patch id", "/Users/{patchee}", """{"op":"replace","path":"id","value":"other-id"}"""),
        Patched("patch remove userName", "/Users/{patchee}", """{"op":"remove","path":"userName"}"""),
        Patched("patch add an email", "/Users/{patchee}", """{"op":"add","path":"emails","value":[{"value":"o@example.net","type":"other"}]}"""),
        Patched("patch add over nickName", "/Users/{patchee}", """{"op":"add","path":"nickName","value":"n2"}"""),
        Patched("patch add a displayName", "/Users/{patchee}", """{"op":"add","path":"displayName","value":"D"}"""),
        Patched("patch replace an unassigned locale", "/Users/{patchee}", """{"op":"replace","path":"locale","value":"de-CH"}"""),
        Patched("patch add to name", "/Users/{patchee}", """{"op":"add","path":"name","value":{"middleName":"J"}}"""),
        Patched("patch remove without path", "/Users/{patchee}", """{"op":"remove"}"""),
        Patched("patch remove nickName", "/Users/{patchee}", """{"op":"remove","path":"nickName"}"""),
        Patched("patch add a phone", "/Users/{patchee}", """{"op":"add","path":"phoneNumbers","value":[{"value":"555","type":"work"}]}"""),
        Patched("patch remove the only phone", "/Users/{patchee}", """{"op":"remove","path":"phoneNumbers[value eq \"555\"]"}"""),
        Patched("patch replace without path", "/Users/{patchee}", """{"op":"replace","value":{"title":"T2"}}"""),
        Patched("patch with capitalised op", "/Users/{patchee}", """{"op":"Replace","path":"title","value":"cap"}"""),
        Patched("patch active as a string", "/Users/{patchee}", """{"op":"replace","path":"active","value":"False"}"""),
        Patched("patch dotted keys", "/Users/{patchee}", """{"op":"replace","value":{"name.givenName":"G"}}"""),
        Patched("patch URN keys", "/Users/{patchee}", $$"""{"op":"replace","value":{"{{Enterprise}}:department":"Dept"} }"""),
        new("user after patches", HttpMethod.Get, "/Users/{patchee}"),
        Patched("patch group add a member", "/Groups/{patchgroup}", """{"op":"add","path":"members","value":[{"value":"{group}"}]}"""),
        Patched("patch group remove a member by value", "/Groups/{patchgroup}", """{"op":"remove","path":"members","value":[{"value":"{group}"}]}"""),
        Patched("patch group add the member again", "/Groups/{patchgroup}", """{"op":"add","path":"members","value":[{"value":"{group}"}]}"""),
        Patched("patch group replace members", "/Groups/{patchgroup}", """{"op":"replace","path":"members","value":[{"value":"{group}"}]}"""),
        Patched("patch group change a member value", "/Groups/{patchgroup}", """{"op":"replace","path":"members[value eq \"{group}\"].value","value":"{manager}"}"""),
        Patched("patch group add 101 members", "/Groups/{patchgroup}",
            "{\"op\":\"add\",\"path\":\"members\",\"value\":[" + string.Concat(Enumerable.Repeat("{\"value\":\"{manager}\"},", 100)) + "{\"value\":\"no-such-id\"}]}"),
        Patched("patch group remove members", "/Groups/{patchgroup}", """{"op":"remove","path":"members"}"""),
        new("group after patches", HttpMethod.Get, "/Groups/{patchgroup}"),
    ];

    /// <summary>A bulk request of DELETEs of ids nobody has, its last path padded to make the body at least <paramref name="padding"/> bytes.</summary>
    private static string BulkOfDeletes(int count, int padding = 0)
    {
        var operations = Enumerable.Range(0, count)
            .Select(i => "{\"method\":\"DELETE\",\"path\":\"/Users/missing-" + i + (i == count - 1 ? new string('x', padding) : "") + "\"}");
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[" + string.Join(",", operations) + "]}";
    }
    private static string LeaverBody(string userName, bool active) =>
        $$"""{"schemas":["{{User}}"],"userName":"{{userName}}","displayName":"Probe Leaver","active":{{(active ? "true" : "false")}}}""";

    private static string AgentBody(string name) => $$"""{"schemas":["{{Agent}}"],"name":"{{name}}"}""";

    private static string CertificateAgentBody(string name, string certificate) =>
        $$"""{"schemas":["{{Agent}}"],"name":"{{name}}","x509Certificates":[{"value":"{{certificate}}"}]}""";

    /// <summary>Starts a server with the faults, runs every probe in order, and returns each normalised answer by probe name.</summary>
    public static Task<IReadOnlyDictionary<string, string>> RunAsync(HttpClient http, params string[] faults) =>
        RunAsync(http, without: [], faults);

    /// <param name="without">Optional features the server leaves out (see <see cref="OptionalFeature"/>).</param>
    public static async Task<IReadOnlyDictionary<string, string>> RunAsync(HttpClient http, IReadOnlyCollection<OptionalFeature> without, params string[] faults)
    {
        const string token = "probe-token";
        var started = DateTimeOffset.UtcNow;
        // Cursors are stamped by a clock that only a probe's Wait moves, so the answers never depend on how fast the run is.
        var clock = new ManualClock(started);
        var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions
        {
            Token = token, Faults = faults, Clock = clock, Without = without,
            // A second actor, who sees only what it created, to present another client's cursor.
            Credentials = [new AcceptedBearerToken(SecondToken) { Actor = ServerActor.Second }],
        }, TestContext.Current.CancellationToken);
        var client = new ScimTestClient(http, host.BaseUrl, token);
        await using (host)
        {
            var saved = new Dictionary<string, string>();
            var normaliser = new Normaliser(host.BaseUrl, started);
            var answers = new Dictionary<string, string>();
            foreach (var probe in Probes)
            {
                if (probe.Wait is { } wait)
                    clock.Advance(wait);
                var sender = probe.Token == token ? client : client.WithToken(probe.Token);
                var headers = probe.Headers?.ToDictionary(header => header.Key, header => Fill(header.Value, saved));
                var reply = await sender.SendAsync(probe.Method, Fill(probe.Path, saved), probe.Body is null ? null : Fill(probe.Body, saved), probe.ContentType, probe.Accept, headers);
                if (probe.Saves is not null && Saved(reply, probe.SavedMember, host.BaseUrl) is { } value)
                    saved[probe.Saves] = value;
                answers[probe.Name] = normaliser.Normalise(Describe(reply));
            }
            return answers;
        }
    }

    /// <summary>What a probe saves: a header (<c>header:Location</c>, made relative to the base URL) or a member of the body (<c>meta.version</c>).</summary>
    private static string? Saved(ScimReply reply, string member, Uri baseUrl)
    {
        if (member.StartsWith("header:", StringComparison.Ordinal))
            return reply.Header(member["header:".Length..])?.Replace(baseUrl.ToString(), "", StringComparison.Ordinal);
        JsonNode? node = reply.Body;
        foreach (var segment in member.Split('.'))
            node = (node as JsonObject)?[segment];
        return node is JsonValue value ? value.ToString() : null;
    }

    private static string UserBody(string userName) => $$"""{"schemas":["{{User}}"],"userName":"{{userName}}"}""";

    /// <summary>PATCH with a PatchOp body holding the operations given as JSON text (comma-separated objects).</summary>
    private static Probe Patched(string name, string path, string operations) =>
        new(name, HttpMethod.Patch, path, $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{operations}}]}""");

    /// <summary>GET /Users with a filter (and only userName returned, to keep the answer short).</summary>
    private static Probe Filtered(string name, string filter) =>
        new(name, HttpMethod.Get, "/Users?attributes=userName&filter=" + Uri.EscapeDataString(filter));

    /// <summary>Puts the ids saved by earlier probes in place of their {name}; a probe whose id was never saved names none.</summary>
    private static string Fill(string text, IReadOnlyDictionary<string, string> saved)
    {
        // The strong form of a weak version: the same opaque tag without W/ (RFC 7232 §2.3).
        text = text.Replace("{strong-version}", saved.TryGetValue("version", out var version) ? version.Replace("W/", "", StringComparison.Ordinal) : "\"never-read\"", StringComparison.Ordinal);
        foreach (var name in new[] { "manager", "group", "user", "outer", "cursor", "etag", "version", "new-version", "async", "async-result", "async-failure", "agentowner", "parentagent", "agent", "app", "patchee", "patchgroup",
            "leaver", "leaveragent", "goneowner", "goneagent", "gonegroup", "app2", "deletedgroup" })
            text = text.Replace("{" + name + "}", saved.TryGetValue(name, out var id) ? id : "never-created-" + name, StringComparison.Ordinal);
        return text;
    }

    private static string Describe(ScimReply reply)
    {
        string[] headers = ["Allow", "WWW-Authenticate", "Location", "Content-Location", "ETag", "Content-Type", "Set-Txn", "Preference-Applied"];
        var shown = headers.Where(reply.Headers.ContainsKey).Select(name => $"{name}: {reply.Header(name)}");
        return $"{reply.StatusCode}\n{string.Join("\n", shown)}\n{Readable(reply)}";
    }

    /// <summary>The body; a JWT (a Security Event Token) as its decoded header and claims, so they can be compared.</summary>
    private static string Readable(ScimReply reply)
    {
        if (reply.ContentType?.StartsWith("application/secevent+jwt", StringComparison.OrdinalIgnoreCase) != true)
            return reply.Text;
        var parts = reply.Text.Split('.');
        return string.Join("\n", parts.Take(2).Select(part =>
        {
            var padded = part.Replace('-', '+').Replace('_', '/');
            padded = padded.PadRight(padded.Length + ((4 - padded.Length % 4) % 4), '=');
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        })) + $"\nsignature of {parts.ElementAtOrDefault(2)?.Length ?? 0} characters";
    }

    /// <summary>Replaces run-specific values by placeholders, numbering ids and timestamps across the whole run.</summary>
    private sealed partial class Normaliser(Uri baseUrl, DateTimeOffset started)
    {
        private readonly Dictionary<string, string> ids = [];
        private readonly Dictionary<string, string> times = [];

        public string Normalise(string answer)
        {
            answer = answer.Replace(baseUrl.ToString(), "{base}", StringComparison.Ordinal);
            answer = Cursor().Replace(answer, "\"${member}\":\"{cursor}\"");
            answer = Guid().Replace(answer, match => Number(ids, match.Value, "id"));
            // Transaction ids (Set-Txn, txn, jti) are 32 hex digits; a SET's issue time is the clock's.
            answer = Transaction().Replace(answer, match => Number(ids, match.Value, "txn"));
            answer = IssuedAt().Replace(answer, "\"iat\":{iat}");
            answer = Timestamp().Replace(answer, match => Number(times, match.Value, IsBefore(match.Value, started) ? "past-time" : "time"));
            return Version().Replace(answer, "{version}");
        }

        private static bool IsBefore(string timestamp, DateTimeOffset moment) =>
            DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture) < moment;

        private static string Number(Dictionary<string, string> seen, string value, string kind)
        {
            if (!seen.TryGetValue(value, out var placeholder))
                seen[value] = placeholder = $"{{{kind}{seen.Count + 1}}}";
            return placeholder;
        }

        // Cursors are signed with a key random to each server, so only their presence can be compared.
        [GeneratedRegex("\"(?<member>nextCursor|previousCursor)\":\"[^\"]*\"")]
        private static partial Regex Cursor();

        [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
        private static partial Regex Guid();

        [GeneratedRegex(@"\b[0-9a-f]{32}\b")]
        private static partial Regex Transaction();

        [GeneratedRegex("\"iat\":\\d+")]
        private static partial Regex IssuedAt();

        [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")]
        private static partial Regex Timestamp();

        [GeneratedRegex(@"W/\\?""[0-9a-f]{16}\\?""")]
        private static partial Regex Version();
    }

    /// <param name="Body">The request body; {manager}, {group}, {user}, {outer}, {cursor}, {patchee} and {patchgroup} stand for values saved by earlier probes, here and in the path.</param>
    /// <param name="Token">The bearer token to send: the probe set's own unless given, none when null.</param>
    /// <param name="Saves">The name under which a member of the answer (<paramref name="SavedMember"/>) is saved for later probes.</param>
    /// <param name="SavedMember">The member saved: the id of the resource created, unless another is named (such as nextCursor).</param>
    /// <param name="Wait">How far the server's cursor clock is moved before the probe is sent (to let cursors expire).</param>
    /// <param name="Headers">Further request headers; their values may name saved values too.</param>
    private sealed record Probe(
        string Name, HttpMethod Method, string Path, string? Body = null, string? Token = "probe-token",
        string? Accept = null, string? ContentType = "application/scim+json", string? Saves = null, string SavedMember = "id", TimeSpan? Wait = null,
        Dictionary<string, string>? Headers = null);
}
