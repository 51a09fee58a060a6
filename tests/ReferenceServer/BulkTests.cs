using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>POST /Bulk on the correct server (RFC 7644 §3.7): operations executed as sub-requests, bulkId references,
/// failOnErrors and the published limits.</summary>
public class BulkTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public async Task Operations_report_their_own_status_location_and_bulkId_in_request_order()
    {
        var existing = await CreateUser(Unique("existing"));
        var results = await Bulk(null,
            Op("POST", "/Users", "new", User(Unique("new"))),
            Op("PUT", "/Users/" + existing, data: User(Unique("renamed"))),
            Op("DELETE", "/Users/" + existing),
            Op("DELETE", "/Users/no-such-id"));

        Assert.Equal(["POST", "PUT", "DELETE", "DELETE"], results.Select(r => r["method"]!.GetValue<string>()));
        Assert.Equal(["201", "200", "204", "404"], results.Select(r => r["status"]!.GetValue<string>()));
        Assert.Equal("new", results[0]["bulkId"]!.GetValue<string>());
        Assert.All(results, r => Assert.NotNull(r["location"]));
        Assert.StartsWith("W/\"", results[0]["version"]!.GetValue<string>());
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", results[3]["response"]!["schemas"]![0]!.GetValue<string>());
        (await server.Client.GetAsync("/Users/" + existing)).AssertStatus(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BulkId_references_are_resolved_forwards_and_inside_extensions()
    {
        var results = await Bulk(null,
            Op("POST", "/Groups", "team", new JsonObject { ["schemas"] = new JsonArray(GroupUrn), ["displayName"] = Unique("team"), ["members"] = new JsonArray(new JsonObject { ["value"] = "bulkId:report" }) }),
            Op("POST", "/Users", "report", new JsonObject
            {
                ["schemas"] = new JsonArray(UserUrn, EnterpriseUrn),
                ["userName"] = Unique("report"),
                [EnterpriseUrn] = new JsonObject { ["manager"] = new JsonObject { ["value"] = "bulkId:boss" } },
            }),
            Op("POST", "/Users", "boss", User(Unique("boss"))));

        Assert.All(results, r => Assert.Equal("201", r["status"]!.GetValue<string>()));
        var reportId = IdOf(results[1]);
        var group = (await server.Client.GetAsync("/Groups/" + IdOf(results[0]))).Json;
        var report = (await server.Client.GetAsync("/Users/" + reportId)).Json;
        Assert.Equal(reportId, group["members"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(IdOf(results[2]), report[EnterpriseUrn]!["manager"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Circular_and_unknown_references_fail_with_409_and_a_POST_needs_a_bulkId()
    {
        var results = await Bulk(null,
            Op("POST", "/Groups", "a", Group(Unique("a"), "bulkId:b")),
            Op("POST", "/Groups", "b", Group(Unique("b"), "bulkId:a")),
            Op("POST", "/Groups", "c", Group(Unique("c"), "bulkId:nobody")),
            Op("POST", "/Users", data: User(Unique("anonymous"))));

        Assert.Equal(["409", "409", "409", "400"], results.Select(r => r["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FailOnErrors_stops_after_that_many_errors()
    {
        var userName = Unique("never");
        var results = await Bulk(1, Op("DELETE", "/Users/no-such-id"), Op("POST", "/Users", "late", User(userName)));

        Assert.Single(results);
        var search = await server.Client.GetAsync("/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\""));
        Assert.Equal(0, search.Json["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_stale_version_is_a_412_result()
    {
        var id = await CreateUser(Unique("versioned"));
        var results = await Bulk(null, Op("DELETE", "/Users/" + id, version: "W/\"stale\""));

        Assert.Equal("412", results[0]["status"]!.GetValue<string>());
        (await server.Client.GetAsync("/Users/" + id)).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Exceeding_a_limit_is_413_naming_it()
    {
        var tooMany = Request(null, [.. Enumerable.Range(0, 101).Select(i => Op("DELETE", $"/Users/missing-{i}"))]);
        var tooLarge = Request(null, Op("POST", "/Users", "big", User(new string('x', 1_048_576))));

        var many = (await server.Client.PostAsync("/Bulk", tooMany)).AssertScimError(HttpStatusCode.RequestEntityTooLarge);
        var large = (await server.Client.PostAsync("/Bulk", tooLarge)).AssertScimError(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("maxOperations", many.Json["detail"]!.GetValue<string>());
        Assert.Contains("maxPayloadSize", large.Json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Operations_are_authenticated_as_the_bulk_request()
    {
        var anonymous = await server.Anonymous.PostAsync("/Bulk", Request(null, Op("DELETE", "/Users/no-such-id")));

        anonymous.AssertStatus(HttpStatusCode.Unauthorized);
    }

    private async Task<IReadOnlyList<JsonObject>> Bulk(int? failOnErrors, params JsonObject[] operations)
    {
        var reply = (await server.Client.PostAsync("/Bulk", Request(failOnErrors, operations))).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:BulkResponse", reply.Json["schemas"]![0]!.GetValue<string>());
        return [.. reply.Json["Operations"]!.AsArray().Select(result => result!.AsObject())];
    }

    private static JsonObject Request(int? failOnErrors, params JsonObject[] operations) => ScimMessages.BulkRequest(operations, failOnErrors);

    private static JsonObject Op(string method, string path, string? bulkId = null, JsonObject? data = null, string? version = null) =>
        ScimMessages.BulkOperation(method, path, bulkId, data, version);

    private async Task<string> CreateUser(string userName) =>
        (await server.Client.PostAsync("/Users", User(userName))).AssertStatus(HttpStatusCode.Created).Json["id"]!.GetValue<string>();

    private static JsonObject User(string userName) => new() { ["schemas"] = new JsonArray(UserUrn), ["userName"] = userName };

    private static JsonObject Group(string displayName, string member) =>
        new() { ["schemas"] = new JsonArray(GroupUrn), ["displayName"] = displayName, ["members"] = new JsonArray(new JsonObject { ["value"] = member }) };

    private static string IdOf(JsonObject result) => result["location"]!.GetValue<string>().Split('/')[^1];

    private static string Unique(string label) => $"bulk-{label}-{Guid.NewGuid():N}";
}
