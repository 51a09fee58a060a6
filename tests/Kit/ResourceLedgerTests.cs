using System.Net;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

public class ResourceLedgerTests
{
    // The stub session's run prefix is scimct-test01: a create answered with this name is the run's by proof.
    private const string OurName = "scimct-test01-user-1";

    private static System.Text.Json.Nodes.JsonObject Ours() => new() { ["userName"] = OurName };

    [Fact]
    public async Task Cleanup_deletes_what_was_created_newest_first_and_reports_leftovers()
    {
        var created = 0;
        var handler = new StubHandler((request, _) =>
        {
            if (request.Method == HttpMethod.Post)
                return Task.FromResult(StubHandler.Response(HttpStatusCode.Created, $"{{\"id\":\"u{++created}\",\"userName\":\"{OurName}\"}}"));
            var status = request.RequestUri!.AbsolutePath.EndsWith("/u2") ? HttpStatusCode.InternalServerError : HttpStatusCode.NoContent;
            return Task.FromResult(StubHandler.Response(status, ""));
        });
        var client = new ScimClient(Sessions.Over(handler), _ => { }, TestContext.Current.CancellationToken);
        var ledger = new ResourceLedger(client);
        for (var i = 0; i < 3; i++)
            ledger.Track(await client.PostAsync("Users", Ours()), "/Users");

        var leftovers = await ledger.CleanupAsync();

        var deletes = handler.Requests.Where(r => r.Method == HttpMethod.Delete).Select(r => r.RequestUri!.AbsolutePath).ToList();
        Assert.Equal(["/v2/Users/u3", "/v2/Users/u2", "/v2/Users/u1"], deletes);
        var leftover = Assert.Single(leftovers);
        Assert.Contains("Users/u2", leftover);
        Assert.Empty(ledger.Outstanding);
    }

    [Fact]
    public async Task A_location_on_another_origin_is_never_tracked_for_deletion()
    {
        var handler = new StubHandler((request, _) => Task.FromResult(request.Method == HttpMethod.Post
            ? StubHandler.Response(HttpStatusCode.Created, "{\"meta\":{\"location\":\"https://attacker.example.test/v2/Users/9\"}}")
            : StubHandler.Response(HttpStatusCode.Conflict, "{}")));
        var client = new ScimClient(Sessions.Over(handler), _ => { }, TestContext.Current.CancellationToken);
        var ledger = new ResourceLedger(client);
        ledger.Track(await client.PostAsync("Users", Ours()), "/Users");
        Assert.Empty(ledger.Outstanding);
    }

    [Fact]
    public async Task An_independent_batch_is_deleted_side_by_side_after_what_came_later_and_before_what_came_earlier()
    {
        var created = 0;
        var inFlight = 0;
        var mostInFlight = 0;
        var bothInFlight = new TaskCompletionSource();
        var handler = new StubHandler(async (request, _) =>
        {
            if (request.Method == HttpMethod.Post)
                return StubHandler.Response(HttpStatusCode.Created, $"{{\"id\":\"u{Interlocked.Increment(ref created)}\",\"userName\":\"{OurName}\"}}");
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            if (request.RequestUri!.AbsolutePath is "/v2/Users/u2" or "/v2/Users/u3")
            {
                // Each of the batch's two deletes waits for the other to have started: only concurrent deletes finish.
                if (now >= 2)
                    bothInFlight.TrySetResult();
                await bothInFlight.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            }
            Interlocked.Decrement(ref inFlight);
            return StubHandler.Response(HttpStatusCode.NoContent, "");
        });
        var client = new ScimClient(Sessions.Over(handler), _ => { }, TestContext.Current.CancellationToken);
        var ledger = new ResourceLedger(client);
        ledger.Track(await client.PostAsync("Users", Ours()), "/Users");
        using (ledger.Independent())
        {
            ledger.Track(await client.PostAsync("Users", Ours()), "/Users");
            ledger.Track(await client.PostAsync("Users", Ours()), "/Users");
        }
        ledger.Track(await client.PostAsync("Users", Ours()), "/Users");

        var leftovers = await ledger.CleanupAsync();

        Assert.Empty(leftovers);
        var deletes = handler.Requests.Where(r => r.Method == HttpMethod.Delete).Select(r => r.RequestUri!.AbsolutePath).ToList();
        Assert.Equal("/v2/Users/u4", deletes[0]);
        Assert.Equal(["/v2/Users/u2", "/v2/Users/u3"], deletes[1..3].Order());
        Assert.Equal("/v2/Users/u1", deletes[3]);
        Assert.Equal(2, mostInFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
