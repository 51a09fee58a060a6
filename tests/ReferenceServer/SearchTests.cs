using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.QueryData;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// POST {endpoint}/.search (RFC 7644 §3.4.3): a SearchRequest is answered exactly as the GET with the same parameters,
/// never creates anything, and is refused as GET would be (plus 400 invalidSyntax for a body that is no SearchRequest).
/// </summary>
public class SearchTests(QueryServerFixture server) : IClassFixture<QueryServerFixture>
{
    public static TheoryData<string, string> Equivalents => new()
    {
        { "", """{}""" },
        { Filter("title pr", "sortBy=title&sortOrder=descending"), """{"filter":"title pr","sortBy":"title","sortOrder":"descending"}""" },
        { Filter("userName sw \"q\"", "startIndex=2&count=2&attributes=userName,title"), """{"filter":"userName sw \"q\"","startIndex":2,"count":2,"attributes":["userName","title"]}""" },
        { "?excludedAttributes=emails,meta&count=0", """{"excludedAttributes":["emails","meta"],"count":0}""" },
        { "?sortBy=userName&count=2&cursor", """{"sortBy":"userName","count":2,"cursor":""}""" },
        { "?attributes=userName&startIndex=100", """{"attributes":"userName","startIndex":100}""" },
    };

    [Theory]
    [MemberData(nameof(Equivalents))]
    public async Task Answers_like_the_equivalent_get(string query, string members)
    {
        var body = JsonNode.Parse(members)!.AsObject();
        body.Insert(0, "schemas", new JsonArray(SearchRequestUrn));

        var get = (await server.Client.GetAsync("/Users" + query)).AssertStatus(HttpStatusCode.OK);
        var post = (await server.Client.PostAsync("/Users/.search", body)).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("application/scim+json; charset=utf-8", post.ContentType);
        // Cursors are stamped with the time they are issued; everything else must be identical.
        foreach (var reply in new[] { get, post })
            reply.Json.Remove("nextCursor");
        Assert.True(JsonNode.DeepEquals(get.Json, post.Json), $"GET  {get.Text}\nPOST {post.Text}");
    }

    [Fact]
    public async Task Searches_groups_too()
    {
        var reply = (await server.Client.PostAsync("/Groups/.search", SearchRequest(("filter", "members pr")))).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(["Tour Guides"], Labels(reply));
    }

    [Fact]
    public async Task Never_creates_even_from_a_resource_body()
    {
        var user = new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = "q-searched" };

        (await server.Client.PostAsync("/Users/.search", user)).AssertScimError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await server.Client.PostAsync("/Users/.search", """{"filter":"userName pr"}""")).AssertScimError(HttpStatusCode.BadRequest, "invalidSyntax");

        var lookup = (await server.Client.GetAsync("/Users" + Filter("userName eq \"q-searched\""))).AssertStatus(HttpStatusCode.OK);
        Assert.Empty(lookup.Resources);
    }

    [Theory]
    [InlineData("""{"filter":"userName eq"}""", "invalidFilter")]
    [InlineData("""{"filter":"noSuchAttribute pr"}""", "invalidFilter")]
    [InlineData("""{"filter":42}""", "invalidFilter")]
    [InlineData("""{"sortBy":"noSuchAttribute"}""", "invalidValue")]
    [InlineData("""{"startIndex":"2"}""", "invalidValue")]
    [InlineData("""{"count":1.5}""", "invalidValue")]
    [InlineData("""{"attributes":[1]}""", "invalidValue")]
    [InlineData("""{"startIndex":1,"cursor":""}""", "invalidValue")]
    [InlineData("""{"cursor":"forged"}""", "invalidCursor")]
    public async Task Refuses_bad_members_as_get_would(string members, string scimType)
    {
        var body = JsonNode.Parse(members)!.AsObject();
        body["schemas"] = new JsonArray(SearchRequestUrn);

        (await server.Client.PostAsync("/Users/.search", body)).AssertScimError(HttpStatusCode.BadRequest, scimType);
    }

    [Fact]
    public async Task Reads_member_names_without_regard_to_case_and_null_as_absent()
    {
        var reply = (await server.Client.PostAsync("/Users/.search", $$"""
            {"SCHEMAS":["{{SearchRequestUrn}}"],"Filter":"userType eq \"Employee\"","SORTBY":"userName","sortOrder":null,"count":null}
            """)).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(["q-alice", "q-Zed"], Names(reply));
    }

    [Fact]
    public async Task Takes_only_post()
    {
        var reply = (await server.Client.GetAsync("/Users/.search")).AssertScimError(HttpStatusCode.MethodNotAllowed);

        Assert.Equal("POST", reply.Header("Allow"));
    }
}
