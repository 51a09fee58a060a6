using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// The reference server's deactivation path: active false is a state (the resource stays), the owner cascade it
/// declares (<see cref="ReferenceDeprovisioning"/>: a deactivated or deleted User's Agents become inactive, by PUT or
/// PATCH alike), and the Agent credentials the credential probe uses: issued by subject, accepted by the protected
/// resource and by introspection only while the Agent exists and is active.
/// </summary>
public sealed class DeactivationRulesTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private static readonly HttpClient Http = new();

    private async Task<string> CreateAsync(string endpoint, JsonObject body) =>
        (await server.Client.PostAsync(endpoint, body)).AssertStatus(HttpStatusCode.Created).Json["id"]!.GetValue<string>();

    private Task<string> CreateUserAsync() =>
        CreateAsync("/Users", new JsonObject { ["schemas"] = new JsonArray(Urn("User")), ["userName"] = "u-" + Guid.NewGuid().ToString("N"), ["active"] = true });

    private Task<string> CreateAgentAsync(string? ownerId = null, string? subject = null)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(Urn("Agent")), ["name"] = "a-" + Guid.NewGuid().ToString("N"), ["active"] = true };
        if (ownerId is not null)
            body["owners"] = new JsonArray(new JsonObject { ["value"] = ownerId });
        if (subject is not null)
            body["subject"] = subject;
        return CreateAsync("/Agents", body);
    }

    private static string Urn(string name) => "urn:ietf:params:scim:schemas:core:2.0:" + name;

    private async Task<JsonObject> ReadAsync(string path) => (await server.Client.GetAsync(path)).AssertStatus(HttpStatusCode.OK).Json;

    private async Task SetActiveByPutAsync(string path, bool active)
    {
        var body = await ReadAsync(path);
        body.Remove("meta");
        body["active"] = active;
        (await server.Client.PutAsync(path, body)).AssertStatus(HttpStatusCode.OK);
    }

    private static bool? Active(JsonObject resource) => resource["active"]?.GetValue<bool>();

    [Fact]
    public async Task Deactivating_a_user_deactivates_the_agents_it_owns_and_no_others()
    {
        var owner = await CreateUserAsync();
        var owned = await CreateAgentAsync(owner);
        var unrelated = await CreateAgentAsync(await CreateUserAsync());

        await SetActiveByPutAsync($"/Users/{owner}", active: false);

        Assert.False(Active(await ReadAsync($"/Users/{owner}")));
        Assert.False(Active(await ReadAsync($"/Agents/{owned}")));
        Assert.True(Active(await ReadAsync($"/Agents/{unrelated}")));

        // Reactivating the owner is a person's decision about the owner only.
        await SetActiveByPutAsync($"/Users/{owner}", active: true);
        Assert.False(Active(await ReadAsync($"/Agents/{owned}")));
    }

    [Fact]
    public async Task Deactivating_a_user_by_patch_cascades_too()
    {
        var owner = await CreateUserAsync();
        var owned = await CreateAgentAsync(owner);
        var patch = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            ["Operations"] = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "active", ["value"] = false }),
        };
        (await server.Client.SendAsync(HttpMethod.Patch, $"/Users/{owner}", patch.ToJsonString())).AssertStatus(HttpStatusCode.OK);
        Assert.False(Active(await ReadAsync($"/Agents/{owned}")));
    }

    [Fact]
    public async Task Deleting_a_user_deactivates_the_agents_it_owned()
    {
        var owner = await CreateUserAsync();
        var owned = await CreateAgentAsync(owner);
        (await server.Client.DeleteAsync($"/Users/{owner}")).AssertStatus(HttpStatusCode.NoContent);
        var agent = await ReadAsync($"/Agents/{owned}");
        Assert.False(Active(agent));
    }

    [Fact]
    public async Task An_agent_credential_works_until_the_agent_is_deactivated()
    {
        var subject = "sub-" + Guid.NewGuid().ToString("N");
        var agent = await CreateAgentAsync(subject: subject);
        var token = await IssueAsync(subject);

        var before = await WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(await IntrospectAsync(token));

        await SetActiveByPutAsync($"/Agents/{agent}", active: false);

        var after = await WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("Bearer", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.False(await IntrospectAsync(token));
        // An inactive agent gets no new credential either.
        var refused = await server.Client.PostAsync(ReferenceDeprovisioning.TokenPath, new JsonObject { ["subject"] = subject });
        refused.AssertScimError(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_agent_credential_stops_working_when_the_agent_is_deleted()
    {
        var subject = "sub-" + Guid.NewGuid().ToString("N");
        var agent = await CreateAgentAsync(subject: subject);
        var token = await IssueAsync(subject);
        (await server.Client.DeleteAsync($"/Agents/{agent}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync(token)).StatusCode);
    }

    [Fact]
    public async Task Credentials_are_issued_only_to_the_administrator_and_only_for_a_known_subject()
    {
        var body = new JsonObject { ["subject"] = "nobody-" + Guid.NewGuid().ToString("N") };
        (await server.Client.PostAsync(ReferenceDeprovisioning.TokenPath, body)).AssertScimError(HttpStatusCode.NotFound);
        (await server.Anonymous.PostAsync(ReferenceDeprovisioning.TokenPath, body)).AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync("made-up-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync(server.Token)).StatusCode);
    }

    [Fact]
    public async Task Under_the_fault_a_deactivated_agents_credential_is_still_accepted()
    {
        var (host, client) = await Servers.StartAsync(Http, "t0ken-" + Guid.NewGuid().ToString("N"), "credential-survives-deactivation");
        await using var _ = host;
        var subject = "sub-" + Guid.NewGuid().ToString("N");
        var created = (await client.PostAsync("/Agents", new JsonObject { ["schemas"] = new JsonArray(Urn("Agent")), ["name"] = "a", ["subject"] = subject, ["active"] = true }))
            .AssertStatus(HttpStatusCode.Created).Json;
        var token = (await client.PostAsync(ReferenceDeprovisioning.TokenPath, new JsonObject { ["subject"] = subject })).AssertStatus(HttpStatusCode.OK).Json["access_token"]!.GetValue<string>();
        created.Remove("meta");
        created["active"] = false;
        (await client.PutAsync($"/Agents/{created["id"]}", created)).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync(token, host.BaseUrl)).StatusCode);
    }

    private async Task<string> IssueAsync(string subject)
    {
        var issued = (await server.Client.PostAsync(ReferenceDeprovisioning.TokenPath, new JsonObject { ["subject"] = subject })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("Bearer", issued["token_type"]!.GetValue<string>());
        return issued["access_token"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> WhoAmIAsync(string token, Uri? baseUrl = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl ?? server.BaseUrl, ReferenceDeprovisioning.ProtectedPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<bool> IntrospectAsync(string token)
    {
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("token", token)]);
        var response = await Http.PostAsync(new Uri(server.BaseUrl, ReferenceDeprovisioning.IntrospectionPath), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        return body["active"]!.GetValue<bool>();
    }
}
