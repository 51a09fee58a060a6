using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Versions and conditional requests on the correct server (RFC 7644 §3.14, RFC 7232 §3).</summary>
public class ETagTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";

    [Fact]
    public async Task Every_single_resource_response_carries_its_version_as_ETag()
    {
        var created = (await server.Client.PostAsync("/Users", User(Unique("tagged")))).AssertStatus(HttpStatusCode.Created);
        var path = PathOf(created.Json);
        var read = (await server.Client.GetAsync(path)).AssertStatus(HttpStatusCode.OK);
        var replaced = (await server.Client.PutAsync(path, User(created.Json["userName"]!.GetValue<string>(), "Changed"))).AssertStatus(HttpStatusCode.OK);

        foreach (var reply in new[] { created, read, replaced })
            Assert.Equal(reply.Json["meta"]!["version"]!.GetValue<string>(), reply.Header("ETag"));
        Assert.NotEqual(read.Header("ETag"), replaced.Header("ETag"));
    }

    [Fact]
    public async Task If_None_Match_with_the_current_version_is_304_without_a_body_and_compares_weakly()
    {
        var (path, version) = await CreateAsync("unmodified");

        var notModified = await Send(HttpMethod.Get, path, "If-None-Match", version);
        var strongForm = await Send(HttpMethod.Get, path, "If-None-Match", version.Replace("W/", ""));
        var listed = await Send(HttpMethod.Get, path, "If-None-Match", $"W/\"other\", {version}");
        var stale = await Send(HttpMethod.Get, path, "If-None-Match", "W/\"other\"");

        Assert.Equal(HttpStatusCode.NotModified, notModified.Status);
        Assert.Empty(notModified.Text);
        Assert.Equal(version, notModified.Header("ETag"));
        Assert.Equal(HttpStatusCode.NotModified, strongForm.Status);
        Assert.Equal(HttpStatusCode.NotModified, listed.Status);
        Assert.Equal(HttpStatusCode.OK, stale.AssertStatus(HttpStatusCode.OK).Status);
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_changes_nothing()
    {
        var (path, version) = await CreateAsync("guarded");
        var userName = (await server.Client.GetAsync(path)).Json["userName"]!.GetValue<string>();

        (await Send(HttpMethod.Put, path, "If-Match", "W/\"stale\"", User(userName, "Lost update"))).AssertScimError(HttpStatusCode.PreconditionFailed);
        (await Send(HttpMethod.Delete, path, "If-Match", "W/\"stale\"")).AssertScimError(HttpStatusCode.PreconditionFailed);

        var after = (await server.Client.GetAsync(path)).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(version, after.Header("ETag"));
        Assert.Null(after.Json["displayName"]);
    }

    [Fact]
    public async Task The_current_version_or_a_star_in_If_Match_lets_the_write_through()
    {
        var (path, version) = await CreateAsync("current");
        var userName = (await server.Client.GetAsync(path)).Json["userName"]!.GetValue<string>();

        var replaced = (await Send(HttpMethod.Put, path, "If-Match", version, User(userName, "Agreed"))).AssertStatus(HttpStatusCode.OK);
        (await Send(HttpMethod.Delete, path, "If-Match", "*")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Equal("Agreed", replaced.Json["displayName"]!.GetValue<string>());
        (await server.Client.GetAsync(path)).AssertStatus(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_etags_preconditions_are_ignored()
    {
        using var http = new HttpClient();
        await using var host = await Scim.Conformance.ReferenceServer.ReferenceServerHost.StartAsync(
            new Scim.Conformance.ReferenceServer.ReferenceServerOptions { Without = [Scim.Conformance.ReferenceServer.OptionalFeature.ETag] }, TestContext.Current.CancellationToken);
        var client = new ScimTestClient(http, host.BaseUrl, token: null);
        var created = (await client.PostAsync("/Users", User(Unique("plain")))).AssertStatus(HttpStatusCode.Created);
        var path = PathOf(created.Json);

        (await client.SendAsync(HttpMethod.Get, path, extraHeaders: new Dictionary<string, string> { ["If-None-Match"] = created.Header("ETag")! })).AssertStatus(HttpStatusCode.OK);
        (await client.SendAsync(HttpMethod.Delete, path, extraHeaders: new Dictionary<string, string> { ["If-Match"] = "W/\"stale\"" })).AssertStatus(HttpStatusCode.NoContent);
    }

    private async Task<(string Path, string Version)> CreateAsync(string label)
    {
        var created = (await server.Client.PostAsync("/Users", User(Unique(label)))).AssertStatus(HttpStatusCode.Created);
        return (PathOf(created.Json), created.Header("ETag")!);
    }

    private Task<ScimReply> Send(HttpMethod method, string path, string header, string value, JsonObject? body = null) =>
        server.Client.SendAsync(method, path, body?.ToJsonString(), extraHeaders: new Dictionary<string, string> { [header] = value });

    private static JsonObject User(string userName, string? displayName = null)
    {
        var user = new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = userName };
        if (displayName is not null)
            user["displayName"] = displayName;
        return user;
    }

    private static string PathOf(JsonObject resource) => "/Users/" + resource["id"]!.GetValue<string>();

    private static string Unique(string label) => $"etag-{label}-{Guid.NewGuid():N}";
}
