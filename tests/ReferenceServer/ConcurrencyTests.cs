using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Checks run in parallel against one server, so the store must stay consistent under concurrent requests.</summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_creates_all_succeed_with_distinct_ids()
    {
        using var http = new HttpClient();
        var (host, client) = await Servers.StartAsync(http);
        await using (host)
        {
            var replies = await Task.WhenAll(Enumerable.Range(0, 64).Select(number => client.PostAsync("/Users", User($"parallel-{number}"))));

            Assert.All(replies, reply => reply.AssertStatus(HttpStatusCode.Created));
            Assert.Equal(64, replies.Select(reply => reply.Json["id"]!.GetValue<string>()).Distinct().Count());
            var list = (await client.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK);
            Assert.Equal(64, list.Json["totalResults"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Of_parallel_creates_with_one_user_name_exactly_one_wins()
    {
        using var http = new HttpClient();
        var (host, client) = await Servers.StartAsync(http);
        await using (host)
        {
            // Case variants of one name: they collide, so the check-and-insert must be atomic for exactly one to win.
            var replies = await Task.WhenAll(Enumerable.Range(0, 32).Select(number =>
                client.PostAsync("/Users", User(number % 2 == 0 ? "contended" : "CONTENDED"))));

            Assert.Single(replies, reply => reply.Status == HttpStatusCode.Created);
            Assert.All(replies.Where(reply => reply.Status != HttpStatusCode.Created),
                reply => reply.AssertScimError(HttpStatusCode.Conflict, "uniqueness"));
            Assert.Equal(1, (await client.GetAsync("/Users")).Json["totalResults"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Parallel_reads_and_deletes_never_fail_with_a_server_error()
    {
        using var http = new HttpClient();
        var (host, client) = await Servers.StartAsync(http);
        await using (host)
        {
            var created = await Task.WhenAll(Enumerable.Range(0, 16).Select(number => client.PostAsync("/Users", User($"churn-{number}"))));
            var paths = created.Select(reply => "/Users/" + reply.Json["id"]!.GetValue<string>()).ToList();

            var replies = await Task.WhenAll(paths.SelectMany(path => new[]
            {
                client.DeleteAsync(path), client.GetAsync(path), client.GetAsync("/Users"), client.GetAsync("/Schemas"),
            }));

            Assert.All(replies, reply => Assert.True(reply.StatusCode < 500, reply.Text));
            Assert.Equal(0, (await client.GetAsync("/Users")).Json["totalResults"]!.GetValue<int>());
        }
    }

    private static JsonObject User(string userName) =>
        new() { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = userName };
}
