using System.Net;
using Scim.Conformance.ReferenceServer;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>The chaos modes seen from the server's side: listed and chosen on its command line, confined to the
/// resource endpoints (except rate-limited), and rate-limited refusing a request at most once.</summary>
public sealed class ChaosModeServerTests : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task List_chaos_prints_every_mode_and_an_unknown_one_exits_2()
    {
        var list = await ServerProcess.RunAsync("--list-chaos");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(ChaosModes.All.Select(ChaosModes.NameOf), list.StdOutLines.Select(l => l.Split(' ')[0]));

        var unknown = await ServerProcess.RunAsync("--chaos", "gentle");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown mode 'gentle'", Assert.Single(unknown.StdErrLines));
    }

    [Theory]
    [InlineData("server-errors", HttpStatusCode.InternalServerError)]
    [InlineData("redirect-loop", HttpStatusCode.TemporaryRedirect)]
    [InlineData("429-storm", HttpStatusCode.TooManyRequests)]
    [InlineData("503-storm", HttpStatusCode.ServiceUnavailable)]
    public async Task A_storm_hits_the_resource_endpoints_and_spares_discovery(string mode, HttpStatusCode status)
    {
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = "t", Chaos = ChaosModes.Parse(mode)!.Value },
            TestContext.Current.CancellationToken);
        var client = new ScimTestClient(_http, host.BaseUrl, "t");

        (await client.GetAsync("/ResourceTypes")).AssertStatus(HttpStatusCode.OK);
        var hit = await client.GetAsync("/Users");

        hit.AssertStatus(status);
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            Assert.NotNull(hit.Header("Retry-After"));
        if (status == HttpStatusCode.TemporaryRedirect)
            Assert.EndsWith("/scim/v2/Users", hit.Header("Location"));
    }

    [Fact]
    public async Task Rate_limited_refuses_every_third_request_but_never_the_same_request_twice()
    {
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = "t", Chaos = ChaosMode.RateLimited },
            TestContext.Current.CancellationToken);
        var client = new ScimTestClient(_http, host.BaseUrl, "t");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await client.GetAsync("/ServiceProviderConfig")).Status);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Duplicate_keys_writes_the_first_member_twice_in_discovery_and_lists_only()
    {
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = "t", Chaos = ChaosMode.DuplicateKeys },
            TestContext.Current.CancellationToken);
        var client = new ScimTestClient(_http, host.BaseUrl, "t");

        var spc = await client.GetAsync("/ServiceProviderConfig");
        var list = await client.GetAsync("/Users?count=1");
        var created = await client.PostAsync("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"scimct-dup\"}");

        Assert.StartsWith("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig\"],\"schemas\":", spc.Text);
        Assert.StartsWith("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"schemas\":", list.Text);
        Assert.Equal(1, CountOf("\"schemas\":", created.Text));
    }

    [Fact]
    public async Task Huge_ids_hands_out_ids_of_60000_characters_and_serves_them()
    {
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = "t", Chaos = ChaosMode.HugeIds },
            TestContext.Current.CancellationToken);
        var client = new ScimTestClient(_http, host.BaseUrl, "t");

        var created = await client.PostAsync("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"scimct-huge\"}");
        var id = created.Json["id"]!.GetValue<string>();
        var read = await client.GetAsync($"/Users/{id}");

        Assert.Equal(60_000, id.Length);
        read.AssertStatus(HttpStatusCode.OK);
        (await client.DeleteAsync($"/Users/{id}")).AssertStatus(HttpStatusCode.NoContent);
    }

    private static int CountOf(string needle, string text) => (text.Length - text.Replace(needle, "", StringComparison.Ordinal).Length) / needle.Length;

    public void Dispose() => _http.Dispose();
}
