using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Asynchronous requests on the correct server (RFC 9967): 202 with Set-Txn, and the completion event at Location.</summary>
public class AsyncRequestTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string AsyncResponse = "urn:ietf:params:scim:event:misc:asyncresp";

    [Fact]
    public async Task A_write_preferring_async_is_202_and_its_completion_event_names_the_transaction_and_subject()
    {
        var userName = $"async-{Guid.NewGuid():N}";
        var accepted = await server.Client.SendAsync(HttpMethod.Post, "/Users", User(userName).ToJsonString(),
            extraHeaders: new Dictionary<string, string> { ["Prefer"] = "respond-async" });

        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        Assert.Empty(accepted.Text);
        Assert.Equal("respond-async", accepted.Header("Preference-Applied"));
        var txn = accepted.Header("Set-Txn")!;
        var location = accepted.Header("Location")!.Replace(server.Client.BaseUrl.ToString(), "");
        var token = (await server.Client.GetAsync(location)).AssertStatus(HttpStatusCode.OK);
        Assert.StartsWith("application/secevent+jwt", token.ContentType);
        var claims = Claims(token.Text);
        Assert.Equal(txn, claims["txn"]!.GetValue<string>());
        Assert.Null(claims["sub"]);
        Assert.Equal("scim", claims["sub_id"]!["format"]!.GetValue<string>());
        var created = claims["events"]![AsyncResponse]!;
        Assert.Equal("POST", created["method"]!.GetValue<string>());
        Assert.Equal("201", created["status"]!.GetValue<string>());
        Assert.Equal(claims["sub_id"]!["uri"]!.GetValue<string>(), "/Users/" + claims["sub_id"]!["id"]!.GetValue<string>());
        (await server.Client.GetAsync(claims["sub_id"]!["uri"]!.GetValue<string>())).AssertStatus(HttpStatusCode.OK);
        (await server.Anonymous.GetAsync(location)).AssertStatus(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_failed_asynchronous_request_reports_its_scim_error()
    {
        var accepted = await server.Client.SendAsync(HttpMethod.Delete, "/Users/no-such-id", extraHeaders: new Dictionary<string, string> { ["Prefer"] = "respond-async" });
        var location = accepted.Header("Location")!.Replace(server.Client.BaseUrl.ToString(), "");

        var result = Claims((await server.Client.GetAsync(location)).Text)["events"]![AsyncResponse]!;

        Assert.Equal("404", result["status"]!.GetValue<string>());
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", result["response"]!["schemas"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_the_feature_the_preference_is_ignored_and_not_advertised()
    {
        using var http = new HttpClient();
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Without = [OptionalFeature.AsynchronousRequests] }, TestContext.Current.CancellationToken);
        var client = new ScimTestClient(http, host.BaseUrl, token: null);

        var created = await client.SendAsync(HttpMethod.Post, "/Users", User($"sync-{Guid.NewGuid():N}").ToJsonString(),
            extraHeaders: new Dictionary<string, string> { ["Prefer"] = "respond-async" });

        created.AssertStatus(HttpStatusCode.Created);
        Assert.Null((await client.GetAsync("/ServiceProviderConfig")).Json["securityEvents"]);
    }

    private static JsonObject User(string userName) => new() { ["schemas"] = new JsonArray(UserUrn), ["userName"] = userName };

    private static JsonObject Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - payload.Length % 4) % 4), '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!.AsObject();
    }
}
