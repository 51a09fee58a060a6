using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.ReferenceServer.Hostile;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// The hostile modes seen from the server's side: each really misbehaves as it says. Without these, a mode that had
/// quietly stopped misbehaving would let the end-to-end safety tests (HostileServerTests) pass without proving anything.
/// </summary>
public sealed class HostileModeServerTests : IDisposable
{
    private const string Token = "hT+9/aZ=x+Q/kk==";
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private static async Task<(ReferenceServerHost Host, HostileServer Hostile, ScimTestClient Client)> StartAsync(HostileMode mode, HttpClient http)
    {
        var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = Token, Hostile = mode }, TestContext.Current.CancellationToken);
        return (host, host.Hostile!, new ScimTestClient(http, host.BaseUrl, Token));
    }

    private static JsonObject NewUser(string userName) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = userName,
    };

    private static JsonObject NewGroup(string displayName) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"), ["displayName"] = displayName,
    };

    [Fact]
    public async Task Foreign_create_answers_every_other_create_with_a_foreign_user_and_creates_nothing()
    {
        var (host, hostile, client) = await StartAsync(HostileMode.ForeignCreate, _http);
        await using var _ = host;

        var first = (await client.PostAsync("/Users", NewUser("scimct-x-1"))).AssertStatus(HttpStatusCode.Created);
        var second = (await client.PostAsync("/Users", NewUser("scimct-x-2"))).AssertStatus(HttpStatusCode.Created);

        Assert.EndsWith("@corp.example", first.Json["userName"]!.GetValue<string>());
        Assert.Contains($"Users/{first.Json["id"]}", hostile.ForeignSnapshot().Keys);
        Assert.Equal("scimct-x-2", second.Json["userName"]!.GetValue<string>());
        Assert.Equal(["scimct-x-2"], hostile.ResourcesNamedWith("scimct-x-").Select(r => r.Split(' ', 2)[1]));
        Assert.Equal(hostile.ForeignSnapshotAtStart, hostile.ForeignSnapshot());
    }

    [Fact]
    public async Task Foreign_id_create_echoes_the_body_with_a_foreign_id_and_creates_nothing()
    {
        var (host, hostile, client) = await StartAsync(HostileMode.ForeignIdCreate, _http);
        await using var _ = host;

        var created = (await client.PostAsync("/Users", NewUser("scimct-y-1"))).AssertStatus(HttpStatusCode.Created);

        Assert.Equal("scimct-y-1", created.Json["userName"]!.GetValue<string>());
        Assert.Contains($"Users/{created.Json["id"]}", hostile.ForeignSnapshot().Keys);
        Assert.EndsWith($"/Users/{created.Json["id"]}", created.Header("Location"));
        Assert.Empty(hostile.ResourcesNamedWith("scimct-y-"));
    }

    [Fact]
    public async Task Echo_secrets_sends_the_credential_back_in_capabilities_and_resources_and_across_offset_65536()
    {
        var (host, hostile, client) = await StartAsync(HostileMode.EchoSecrets, _http);
        await using var _ = host;

        var config = await client.GetAsync("/ServiceProviderConfig");
        Assert.Contains("Bearer " + Token, config.Json["documentationUri"]!.GetValue<string>());
        var list = await client.GetAsync("/Users");
        Assert.Contains("Bearer " + Token, list.Text);
        Assert.Contains(Token.Replace("+", "\\u002B", StringComparison.Ordinal), list.Text);
        var id = list.Resources[0]["id"]!.GetValue<string>();
        var one = await client.GetAsync("/Users/" + id);

        var at = one.Text.IndexOf(Token, StringComparison.Ordinal);
        Assert.True(at < 64 * 1024 && at + Token.Length > 64 * 1024, $"the token is at {at}, not across 65536");
        Assert.Equal(id, one.Json["id"]!.GetValue<string>());
        Assert.Equal(hostile.ForeignSnapshotAtStart, hostile.ForeignSnapshot());
    }

    [Fact]
    public async Task Other_origin_endpoint_names_the_user_endpoint_on_the_second_origin()
    {
        var (host, hostile, client) = await StartAsync(HostileMode.OtherOriginEndpoint, _http);
        await using var _ = host;

        var user = (await client.GetAsync("/ResourceTypes")).Resources.Single(r => r["name"]!.GetValue<string>() == "User");
        var group = (await client.GetAsync("/ResourceTypes/Group")).Json;

        Assert.Equal($"{hostile.SecondOriginUrl}scim/v2/Users", user["endpoint"]!.GetValue<string>());
        Assert.NotEqual(host.BaseUrl.Port, hostile.SecondOriginUrl.Port);
        Assert.Equal("/Groups", group["endpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sibling_path_location_points_every_location_under_the_sibling_path()
    {
        var (host, _, client) = await StartAsync(HostileMode.SiblingPathLocation, _http);
        await using var _host = host;

        var created = (await client.PostAsync("/Users", NewUser("scimct-z-1"))).AssertStatus(HttpStatusCode.Created);

        var sibling = $"{host.BaseUrl}-evil/Users/{created.Json["id"]}";
        Assert.Equal(sibling, created.Header("Location"));
        Assert.Equal(sibling, created.Json["meta"]!["location"]!.GetValue<string>());
        (await client.GetAsync($"-evil/Users/{created.Json["id"]}")).AssertStatus(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dot_ids_gives_creates_the_ids_dot_dot_dot_and_empty_in_turn_while_storing_real_ones()
    {
        var (host, hostile, client) = await StartAsync(HostileMode.DotIds, _http);
        await using var _ = host;

        var ids = new List<string>();
        foreach (var number in Enumerable.Range(1, 4))
            ids.Add((await client.PostAsync("/Users", NewUser($"scimct-d-{number}"))).AssertStatus(HttpStatusCode.Created).Json["id"]!.GetValue<string>());

        Assert.Equal([".", "..", "", "."], ids);
        Assert.Equal(4, hostile.ResourcesNamedWith("scimct-d-").Count);
        Assert.DoesNotContain(hostile.ResourcesNamedWith("scimct-d-"), r => r.StartsWith("Users/. ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cut_off_writes_creates_groups_but_cuts_the_answer_and_refuses_each_users_first_delete()
    {
        var (host, hostile, client) = await StartAsync(HostileMode.CutOffWrites, _http);
        await using var _ = host;

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PostAsync("/Groups", NewGroup("scimct-c-reset")));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PostAsync("/Groups", NewGroup("scimct-c-half")));
        Assert.Equal(2, hostile.ResourcesNamedWith("scimct-c-").Count);

        var ids = new List<string>();
        foreach (var number in Enumerable.Range(1, 2))
            ids.Add((await client.PostAsync("/Users", NewUser($"scimct-c-user-{number}"))).AssertStatus(HttpStatusCode.Created).Json["id"]!.GetValue<string>());
        var redirected = await client.DeleteAsync("/Users/" + ids[0]);
        var refused = await client.DeleteAsync("/Users/" + ids[1]);

        redirected.AssertStatus(HttpStatusCode.TemporaryRedirect);
        Assert.StartsWith(hostile.SecondOriginUrl.ToString(), redirected.Header("Location"));
        refused.AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Equal(4, hostile.ResourcesNamedWith("scimct-c-").Count);
        (await client.DeleteAsync("/Users/" + ids[0])).AssertStatus(HttpStatusCode.NoContent);
        Assert.Equal(3, hostile.ResourcesNamedWith("scimct-c-").Count);
    }

    [Fact]
    public async Task Unfiltered_lists_answer_every_resource_whatever_the_filter_and_paging()
    {
        var (host, _, client) = await StartAsync(HostileMode.UnfilteredLists, _http);
        await using var _host = host;

        var filtered = await client.GetAsync("/Users?filter=" + Uri.EscapeDataString("userName sw \"scimct-\"") + "&startIndex=5&count=1");
        var searched = await client.PostAsync("/Users/.search", new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:SearchRequest"), ["filter"] = "userName eq \"nobody\"",
        });

        Assert.Equal(10, filtered.Resources.Count);
        Assert.Equal(10, filtered.Json["totalResults"]!.GetValue<int>());
        Assert.Equal(10, searched.Resources.Count);
    }

    [Fact]
    public async Task The_log_records_every_request_as_sent_but_not_the_servers_own_seeding()
    {
        var (host, hostile, client) = await StartAsync(HostileMode.ForeignCreate, _http);
        await using var _ = host;

        // An escaped slash is what the server would decode; the log keeps it as sent. (An escaped dot cannot show it:
        // .NET's Uri unescapes %2E and removes the dot segment before sending.)
        await client.GetAsync("/Users/a%2Fb?attributes=id");

        var request = Assert.Single(hostile.Requests.All);
        Assert.Equal(new ReceivedRequest(RequestOrigin.Primary, "GET", "/scim/v2/Users/a%2Fb?attributes=id", CarriedAuthorization: true), request);
    }

    public void Dispose() => _http.Dispose();
}
