using System.Net;
using Scim.Conformance.ReferenceServer;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>/Me on the correct server (RFC 7644 §3.11): the token's subject is a User, served directly with its URL in Location.</summary>
public class MeTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    [Fact]
    public async Task Me_is_the_subjects_user_with_its_permanent_url_in_Location()
    {
        var me = (await server.Client.GetAsync("/Me")).AssertStatus(HttpStatusCode.OK);
        var again = (await server.Client.GetAsync("/Me?attributes=userName")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("reference-server-operator", me.Json["userName"]!.GetValue<string>());
        Assert.Equal(me.Json["meta"]!["location"]!.GetValue<string>(), me.Header("Location"));
        Assert.Equal(me.Json["meta"]!["version"]!.GetValue<string>(), me.Header("ETag"));
        Assert.Equal(me.Json["id"]!.GetValue<string>(), again.Json["id"]!.GetValue<string>());
        Assert.Null(again.Json["displayName"]);
        (await server.Client.GetAsync("/Users/" + me.Json["id"]!.GetValue<string>())).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Me_needs_the_token_like_every_resource()
    {
        (await server.Anonymous.GetAsync("/Me")).AssertStatus(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_me_it_is_501()
    {
        using var http = new HttpClient();
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Without = [OptionalFeature.Me] }, TestContext.Current.CancellationToken);

        (await new ScimTestClient(http, host.BaseUrl, token: null).GetAsync("/Me")).AssertScimError(HttpStatusCode.NotImplemented);
    }
}
