using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>The working discovery view: repaired from RFC 7643 §8.7.1 where the server's documents are missing or
/// wrong, with a note per repair, while the discovery checks keep the documents as served.</summary>
public class DiscoveryRepairTests
{
    private static readonly string UserTypeNamingTheExtension = $$"""
        { "schemas": ["{{ScimUrns.ListResponse}}"], "totalResults": 1, "Resources": [
          { "schemas": ["{{ScimUrns.ResourceType}}"], "id": "User", "name": "User", "endpoint": "/Users", "schema": "{{ScimUrns.EnterpriseUser}}" } ] }
        """;

    private static StubHandler Server(Func<string, (HttpStatusCode, string)?> route) => new((request, _) =>
    {
        var path = request.RequestUri!.PathAndQuery;
        var answer = route(path) ?? (path.Contains("ServiceProviderConfig") ? (HttpStatusCode.OK, "{\"patch\":{\"supported\":true}}") : (HttpStatusCode.NotFound, "{}"));
        return Task.FromResult(StubHandler.Response(answer.Item1, answer.Item2));
    });

    private static readonly string EmptyList = $"{{\"schemas\":[\"{ScimUrns.ListResponse}\"],\"totalResults\":0,\"Resources\":[]}}";

    [Fact]
    public async Task Missing_discovery_falls_back_to_the_rfc_user_at_an_endpoint_that_answers_and_says_so()
    {
        var handler = Server(path => path.StartsWith("/v2/Users?count=1", StringComparison.Ordinal) ? (HttpStatusCode.OK, EmptyList) : null);
        using var session = Sessions.Over(handler);
        var discovery = await session.DiscoveryAsync();

        Assert.Null(discovery.Raw.ResourceTypesOrNull);
        Assert.Null(discovery.Raw.SchemasOrNull);
        var user = Assert.Single(discovery.ResourceTypes);
        Assert.Equal((ScimUrns.User, "/Users"), (user.StringMember("schema"), user.StringMember("endpoint")));
        Assert.NotNull(discovery.Attribute(ScimUrns.User, "userName"));
        Assert.Null(discovery.ResourceTypeBySchema(ScimUrns.Group)); // /Groups answered 404: no Group is invented
        Assert.Contains(discovery.Repairs, r => r.Contains("GET /Users?count=1 answered 200", StringComparison.Ordinal));
        Assert.Contains(discovery.Repairs, r => r.StartsWith("/Schemas could not be read", StringComparison.Ordinal) && r.Contains(ScimUrns.User, StringComparison.Ordinal));
        Assert.Contains(handler.Requests, r => r.Method == HttpMethod.Get && r.RequestUri!.PathAndQuery == "/v2/Users?count=1");
        Assert.DoesNotContain(handler.Requests, r => r.Method != HttpMethod.Get);
    }

    [Fact]
    public async Task A_user_type_naming_an_extension_is_repaired_for_the_checks_and_kept_for_the_discovery_checks()
    {
        var enterpriseOnly = $$"""{ "Resources": [ { "id": "{{ScimUrns.EnterpriseUser}}", "name": "EnterpriseUser", "attributes": [] } ] }""";
        var handler = Server(path => path switch
        {
            "/v2/ResourceTypes" => (HttpStatusCode.OK, UserTypeNamingTheExtension),
            "/v2/Schemas" => (HttpStatusCode.OK, enterpriseOnly),
            _ when path.StartsWith("/v2/Groups?count=1", StringComparison.Ordinal) => (HttpStatusCode.OK, EmptyList),
            _ => null,
        });
        using var session = Sessions.Over(handler);
        var shared = await session.DiscoveryAsync();

        var working = shared.ResourceTypeBySchema(ScimUrns.User)!;
        Assert.Equal("/Users", working.StringMember("endpoint"));
        Assert.Contains(ScimUrns.EnterpriseUser, (working.Member("schemaExtensions") as JsonArray)!.OfType<JsonObject>().Select(e => e.StringMember("schema")));
        Assert.Equal(ScimUrns.EnterpriseUser, shared.Raw.ResourceTypes.Single().StringMember("schema"));
        Assert.NotNull(shared.ResourceTypeBySchema(ScimUrns.Group));
        Assert.Contains(shared.Repairs, r => r.Contains($"names the extension schema {ScimUrns.EnterpriseUser} as its core schema", StringComparison.Ordinal));

        // A discovery check reads the documents as served; any other check reads the repaired view and records it.
        var discoveryCheck = new CheckContext(CheckCatalog.Find("discovery.resource-types.core-schema")!, session, RequirementLevel.Must, CancellationToken.None);
        Assert.Null((await discoveryCheck.DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.User));
        Assert.Empty(discoveryCheck.Adaptations);
        var lifecycleCheck = new CheckContext(CheckCatalog.Find("lifecycle.create.location")!, session, RequirementLevel.Must, CancellationToken.None);
        Assert.NotNull((await lifecycleCheck.DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.User));
        Assert.Contains(lifecycleCheck.Adaptations, a => a.Contains("RFC 7643 §8.7.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_discovery_check_is_given_the_raw_documents()
    {
        var judges = CheckCatalog.All.Where(CheckContext.JudgesDiscovery).Select(c => c.Id).ToList();
        Assert.Contains("discovery.resource-types.core-schema", judges);
        Assert.Contains("agents.discovery.read-only-declared", judges);
        Assert.All(CheckCatalog.All.Where(c => c.Area == "discovery"), c => Assert.Contains(c.Id, judges));
        Assert.DoesNotContain("lifecycle.create.location", judges);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Sound_discovery_is_used_as_served_with_nothing_noted()
    {
        var types = $$"""{ "Resources": [ { "id": "User", "name": "User", "endpoint": "/Users", "schema": "{{ScimUrns.User}}" } ] }""";
        var schemas = $$"""{ "Resources": [ { "id": "{{ScimUrns.User}}", "attributes": [ { "name": "userName", "type": "string" } ] } ] }""";
        var handler = Server(path => path switch
        {
            "/v2/ResourceTypes" => (HttpStatusCode.OK, types),
            "/v2/Schemas" => (HttpStatusCode.OK, schemas),
            _ => null,
        });
        using var session = Sessions.Over(handler);
        var discovery = await session.DiscoveryAsync();
        Assert.Same(discovery, discovery.Raw);
        Assert.Empty(discovery.Repairs);
        Assert.Single(discovery.ResourceTypes); // /Groups answers 404 and the server lists none: no Group
        Assert.DoesNotContain(handler.Requests, r => r.RequestUri!.PathAndQuery.StartsWith("/v2/Users", StringComparison.Ordinal));
    }
}
