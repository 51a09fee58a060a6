using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>The concurrency faults: one request at a time is always served correctly, and requests sent together
/// overlap (the server holds a write while others are in flight), so the faults show whenever writes are concurrent.</summary>
public class OverlappingWritesTests
{
    private static JsonObject User(string userName) =>
        new() { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = userName };

    private static string AddMember(string id) =>
        $"{{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{{\"op\":\"add\",\"path\":\"members\",\"value\":[{{\"value\":\"{id}\"}}]}}]}}";

    [Fact]
    public async Task One_request_at_a_time_is_never_refused_however_many_writes_and_lists_follow_each_other()
    {
        using var http = new HttpClient();
        var (host, client) = await Servers.StartAsync(http, null, "store-fails-under-concurrent-writes");
        await using (host)
        {
            for (var i = 0; i < 12; i++)
            {
                (await client.PostAsync("/Users", User($"one-by-one-{i}"))).AssertStatus(HttpStatusCode.Created);
                (await client.GetAsync("/Users?filter=" + Uri.EscapeDataString($"userName eq \"one-by-one-{i}\""))).AssertStatus(HttpStatusCode.OK);
            }
        }
    }

    [Fact]
    public async Task Writes_sent_together_overlap_and_the_overlapping_ones_answer_500_collection_modified()
    {
        using var http = new HttpClient();
        var (host, client) = await Servers.StartAsync(http, null, "store-fails-under-concurrent-writes");
        await using (host)
        {
            var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.PostAsync("/Users", User($"together-{i}"))));

            var refused = replies.Where(reply => reply.StatusCode == 500).ToList();
            Assert.NotEmpty(refused);
            Assert.All(refused, reply => Assert.Equal("Collection was modified; enumeration operation may not execute.", reply.Json["detail"]!.GetValue<string>()));
            Assert.All(replies.Where(reply => reply.StatusCode != 500), reply => reply.AssertStatus(HttpStatusCode.Created));
            // What was refused was not stored; what was created was.
            var listed = (await client.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK).Json["totalResults"]!.GetValue<int>();
            Assert.Equal(replies.Length - refused.Count, listed);
        }
    }

    [Fact]
    public async Task Of_patches_of_one_group_sent_together_the_overlapping_ones_answer_200_and_are_lost()
    {
        using var http = new HttpClient();
        var (host, client) = await Servers.StartAsync(http, null, "store-loses-concurrent-patches");
        await using (host)
        {
            var users = new List<string>();
            for (var i = 0; i < 8; i++)
                users.Add((await client.PostAsync("/Users", User($"member-{i}"))).AssertStatus(HttpStatusCode.Created).Json["id"]!.GetValue<string>());
            var group = (await client.PostAsync("/Groups", new JsonObject
            {
                ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"), ["displayName"] = "together",
            })).AssertStatus(HttpStatusCode.Created).Json["id"]!.GetValue<string>();

            var replies = await Task.WhenAll(users.Select(id => client.SendAsync(HttpMethod.Patch, $"/Groups/{group}", AddMember(id))));

            Assert.All(replies, reply => reply.AssertStatus(HttpStatusCode.OK));
            var members = (await client.GetAsync($"/Groups/{group}")).AssertStatus(HttpStatusCode.OK).Json["members"]?.AsArray().Count ?? 0;
            Assert.InRange(members, 1, users.Count - 1);
        }
    }
}
