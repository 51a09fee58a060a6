using System.Net;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.QueryData;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// GET with a filter on the resource endpoints (RFC 7644 §3.4.2.2): the engine's semantics over HTTP, with the
/// attribute types, case rules and derived values of the served schemas, and every refusal as 400 invalidFilter.
/// </summary>
public class FilteringTests(QueryServerFixture server) : IClassFixture<QueryServerFixture>
{
    [Theory]
    [InlineData("userName eq \"q-alice\"", new[] { "q-alice" })]
    [InlineData("USERNAME Eq \"Q-ALICE\"", new[] { "q-alice" })]
    [InlineData("userName sw \"q-\"", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("userName ew \"ED\"", new[] { "q-Zed" })]
    [InlineData("userName co \"o\"", new[] { "q-Bob", "q-carol" })]
    [InlineData("externalId eq \"ext-a\"", new string[0])]
    [InlineData("externalId eq \"Ext-A\"", new[] { "q-alice" })]
    [InlineData("title pr", new[] { "q-alice", "q-carol", "q-Zed" })]
    [InlineData("title gt \"Tour Guide\"", new[] { "q-alice" })]
    [InlineData("title le \"Tour Guide\"", new[] { "q-carol", "q-Zed" })]
    [InlineData("userType ne \"Employee\"", new[] { "q-Bob" })]
    [InlineData("not (userType eq \"Employee\")", new[] { "q-Bob", "q-carol" })]
    [InlineData("active eq true", new[] { "q-alice" })]
    [InlineData("userType eq \"Intern\" or userType eq \"Employee\" and title eq \"alpha\"", new[] { "q-Bob", "q-Zed" })]
    [InlineData("(userType eq \"Intern\" or userType eq \"Employee\") and title pr", new[] { "q-alice", "q-Zed" })]
    [InlineData("emails[type eq \"work\" and value ew \".org\"]", new string[0])]
    [InlineData("emails[type eq \"home\" and value ew \".org\"]", new[] { "q-alice", "q-carol" })]
    [InlineData("emails.value eq \"alice@example.com\"", new[] { "q-alice" })]
    [InlineData("emails co \"example.org\"", new[] { "q-carol" })]
    [InlineData("name.familyName sw \"a\"", new[] { "q-alice" })]
    [InlineData(UserUrn + ":userName sw \"q-b\"", new[] { "q-Bob" })]
    [InlineData(EnterpriseUrn + ":employeeNumber eq \"701\"", new[] { "q-alice" })]
    [InlineData("groups.display eq \"Tour Guides\"", new[] { "q-alice", "q-Bob" })]
    [InlineData("meta.resourceType eq \"User\" and meta.created gt \"2000-01-01T00:00:00Z\"", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    public async Task Returns_exactly_the_matching_users(string filter, string[] expected)
    {
        var reply = (await server.Client.GetAsync("/Users" + Filter(filter))).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(expected, Names(reply));
        Assert.Equal(expected.Length, reply.Json["totalResults"]!.GetValue<int>());
        Assert.Equal(expected.Length, reply.Json["itemsPerPage"]!.GetValue<int>());
    }

    [Fact]
    public async Task Filters_groups_by_name_and_by_member()
    {
        var byName = (await server.Client.GetAsync("/Groups" + Filter("displayName eq \"tour guides\""))).AssertStatus(HttpStatusCode.OK);
        var byMember = (await server.Client.GetAsync("/Groups" + Filter($"members[value eq \"{server.Ids["q-Bob"]}\"]"))).AssertStatus(HttpStatusCode.OK);
        var byMemberValue = (await server.Client.GetAsync("/Groups" + Filter($"members.value eq \"{server.Ids["q-alice"]}\""))).AssertStatus(HttpStatusCode.OK);

        Assert.Equal([server.Ids["Tour Guides"]], byName.Resources.Select(group => group["id"]!.GetValue<string>()));
        Assert.Equal([server.Ids["Tour Guides"]], byMember.Resources.Select(group => group["id"]!.GetValue<string>()));
        Assert.Equal([server.Ids["Tour Guides"]], byMemberValue.Resources.Select(group => group["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_filter_matching_nothing_is_an_empty_list_not_404()
    {
        var reply = (await server.Client.GetAsync("/Users" + Filter("userName eq \"q-nobody\""))).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(0, reply.Json["totalResults"]!.GetValue<int>());
        Assert.Empty(reply.Resources);
    }

    [Theory]
    [InlineData("userName eq")]
    [InlineData("(userName eq \"a\"")]
    [InlineData("userName eq \"a\" xor title pr")]
    [InlineData("userName eq \"a\" and")]
    [InlineData("userName regex \"a\"")]
    [InlineData("userName eq q-alice")]
    [InlineData("")]
    [InlineData("noSuchAttribute eq \"a\"")]
    [InlineData("name.noSuchPart eq \"a\"")]
    [InlineData("active gt true")]
    [InlineData("active eq \"true\"")]
    [InlineData("name eq \"Alpha\"")]
    [InlineData("meta.created gt \"yesterday\"")]
    public async Task Refuses_a_bad_filter_with_400_invalidFilter_and_says_why(string filter)
    {
        var reply = await server.Client.GetAsync("/Users" + Filter(filter));

        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task Checks_the_filter_even_where_nothing_is_stored()
    {
        var empty = (await server.Client.GetAsync("/Agents" + Filter("name eq \"x\""))).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(0, empty.Json["totalResults"]!.GetValue<int>());
        (await server.Client.GetAsync("/Agents" + Filter("userName eq \"x\""))).AssertScimError(HttpStatusCode.BadRequest, "invalidFilter");
        (await server.Client.GetAsync("/Agents" + Filter("name eq"))).AssertScimError(HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task Returns_the_attributes_asked_for_but_filters_on_all_of_them()
    {
        var reply = (await server.Client.GetAsync("/Users" + Filter("title eq \"zeta\"", "attributes=userName"))).AssertStatus(HttpStatusCode.OK);

        var user = Assert.Single(reply.Resources);
        Assert.Equal("q-alice", user["userName"]!.GetValue<string>());
        Assert.Null(user["title"]);
    }
}
