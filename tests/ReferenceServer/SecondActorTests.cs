using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>The second actor (RFC 9865 §2.5 made observable): it sees only the resources it created, a resource it may
/// not see is answered as unknown, and a cursor is bound to the actor that obtained it — except under the fault
/// cursor-not-bound-to-client, which serves later pages without checking who asks.</summary>
public class SecondActorTests : IAsyncLifetime
{
    private readonly HttpClient http = new();
    private readonly string primaryToken = "primary-" + Guid.NewGuid().ToString("N");
    private readonly string secondToken = "second-" + Guid.NewGuid().ToString("N");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private async Task<(ReferenceServerHost Host, ScimTestClient Primary, ScimTestClient Second)> StartAsync(params string[] faults)
    {
        var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions
        {
            Token = primaryToken,
            Credentials = [new AcceptedBearerToken(secondToken) { Actor = ServerActor.Second }],
            Faults = faults,
        }, TestContext.Current.CancellationToken);
        var primary = new ScimTestClient(http, host.BaseUrl, primaryToken);
        return (host, primary, primary.WithToken(secondToken));
    }

    private static JsonObject User(string userName) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
        ["userName"] = userName,
    };

    private static async Task<List<string>> CreateUsersAsync(ScimTestClient client, string prefix, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
            ids.Add((await client.PostAsync("/Users", User($"{prefix}-{i}"))).AssertStatus(HttpStatusCode.Created).Json["id"]!.GetValue<string>());
        return ids;
    }

    [Fact]
    public async Task The_second_actor_sees_only_what_it_created()
    {
        var (host, primary, second) = await StartAsync();
        await using (host)
        {
            var primaryIds = await CreateUsersAsync(primary, "p", 2);
            var secondIds = await CreateUsersAsync(second, "s", 1);

            var seen = (await second.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK).Resources.Select(r => r["id"]!.GetValue<string>()).ToList();
            Assert.Equal(secondIds, seen);
            (await second.GetAsync($"/Users/{primaryIds[0]}")).AssertScimError(HttpStatusCode.NotFound);
            (await second.DeleteAsync($"/Users/{primaryIds[0]}")).AssertScimError(HttpStatusCode.NotFound);
            (await primary.GetAsync($"/Users/{primaryIds[0]}")).AssertStatus(HttpStatusCode.OK);
            var all = (await primary.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK).Resources.Select(r => r["id"]!.GetValue<string>());
            Assert.Equal(primaryIds.Concat(secondIds).Order(), all.Order());
        }
    }

    [Fact]
    public async Task A_cursor_is_refused_to_the_actor_that_did_not_obtain_it()
    {
        var (host, primary, second) = await StartAsync();
        await using (host)
        {
            await CreateUsersAsync(primary, "p", 4);
            var cursor = (await primary.GetAsync("/Users?count=2&cursor")).AssertStatus(HttpStatusCode.OK).Json["nextCursor"]!.GetValue<string>();

            (await second.GetAsync($"/Users?count=2&cursor={cursor}")).AssertScimError(HttpStatusCode.BadRequest, "invalidCursor");
            (await primary.GetAsync($"/Users?count=2&cursor={cursor}")).AssertStatus(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Under_the_fault_a_cursor_shows_the_second_actor_the_primarys_users()
    {
        var (host, primary, second) = await StartAsync("cursor-not-bound-to-client");
        await using (host)
        {
            await CreateUsersAsync(primary, "p", 4);
            var cursor = (await primary.GetAsync("/Users?count=2&cursor")).AssertStatus(HttpStatusCode.OK).Json["nextCursor"]!.GetValue<string>();

            Assert.Empty((await second.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK).Resources);
            Assert.Equal(2, (await second.GetAsync($"/Users?count=2&cursor={cursor}")).AssertStatus(HttpStatusCode.OK).Resources.Count);
        }
    }

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
