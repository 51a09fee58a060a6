using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Security;

/// <summary>What a run records of a server's answers holds no secret, whatever the server does with it: a body is
/// masked whole before it is cut (a token across the cut would leave its first half), a long URL is cut after masking,
/// and ServiceProviderConfig values shown as capabilities pass through the mask.</summary>
public class RecordedEvidenceMaskingTests
{
    private const string Token = "tok+en/with=pad+Z9/x==";
    private const int BodyLimit = 200;
    private readonly List<Exchange> _recorded = [];

    private static TargetSession Session(StubHandler handler) => new(new TargetSessionOptions
    {
        Name = "echo",
        BaseUrl = new Uri("https://scim.example.test/v2"),
        Token = Token,
        Handler = handler,
        RecordedBodyLimit = BodyLimit,
        Prefix = new RunPrefix("scimct-test01"),
    });

    private ScimClient Client(TargetSession session) => new(session, _recorded.Add, TestContext.Current.CancellationToken);

    private static string AuthorizationOf(HttpRequestMessage request) => request.Headers.Authorization?.Parameter ?? "";

    [Theory]
    [InlineData(BodyLimit - 6)]
    [InlineData(BodyLimit - 12)]
    [InlineData(BodyLimit - 1)]
    public async Task A_token_across_the_cut_of_a_recorded_body_leaves_no_part_of_it(int tokenStart)
    {
        using var session = Session(new StubHandler((request, _) =>
            Task.FromResult(StubHandler.Response(HttpStatusCode.OK, new string(' ', tokenStart) + AuthorizationOf(request) + new string(' ', 500)))));

        var response = await Client(session).GetAsync("Users");

        Assert.Contains(Token, response.Body);   // the server did echo it, across the cut
        var recorded = Assert.Single(_recorded);
        Assert.True(recorded.ResponseBodyTruncated);
        Assert.DoesNotContain(Token[..6], recorded.ResponseBody);
        Assert.Equal((new string(' ', tokenStart) + Redactor.Mask + new string(' ', 500))[..BodyLimit], recorded.ResponseBody);
    }

    [Fact]
    public async Task A_token_echoed_in_the_json_writers_spelling_is_masked_in_the_recorded_body()
    {
        using var session = Session(new StubHandler((request, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.BadRequest,
            JsonSerializer.Serialize(new { detail = "bad token " + AuthorizationOf(request) })))));

        var response = await Client(session).GetAsync("Users");

        Assert.Contains("\\u002B", response.Body);
        Assert.DoesNotContain("Z9", Assert.Single(_recorded).ResponseBody);
    }

    [Fact]
    public async Task A_huge_url_is_recorded_cut_and_says_so()
    {
        using var session = Session(StubHandler.Json(HttpStatusCode.NotFound, "{}"));
        var id = new string('i', 60_000);

        await Client(session).GetAsync("Users/" + id);

        var url = Assert.Single(_recorded).Url;
        Assert.True(url.Length < ScimClient.RecordedUrlLimit + 100, $"{url.Length} characters recorded");
        Assert.Contains("60", url[ScimClient.RecordedUrlLimit..]);
        Assert.Contains("characters in all", url);
        Assert.StartsWith("https://scim.example.test/v2/Users/iii", url);
    }

    [Fact]
    public async Task A_url_is_masked_before_it_is_cut()
    {
        using var session = Session(StubHandler.Json(HttpStatusCode.NotFound, "{}"));
        // The token would straddle the cut of the URL.
        var padding = new string('p', ScimClient.RecordedUrlLimit - "https://scim.example.test/v2/Users?filter=".Length - 5);

        await Client(session).GetAsync($"Users?filter={padding}{Uri.EscapeDataString(Token)}{new string('q', 100)}");

        var url = Assert.Single(_recorded).Url;
        var tail = url[(ScimClient.RecordedUrlLimit - 300)..];
        Assert.DoesNotContain("tok%2", tail);
        Assert.DoesNotContain("tok+e", tail);
        Assert.Contains(padding[..100] + "[REDA", url);
    }

    [Fact]
    public async Task Capabilities_a_server_fills_with_the_token_are_masked()
    {
        using var session = Session(new StubHandler((request, _) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (!path.EndsWith("/ServiceProviderConfig", StringComparison.Ordinal))
                return Task.FromResult(StubHandler.Response(HttpStatusCode.NotFound, "{}"));
            var token = AuthorizationOf(request);
            // Serialised by the default JSON writer: the token's '+' arrives as \u002B.
            var spc = new JsonObject
            {
                ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
                ["patch"] = new JsonObject { ["supported"] = true, ["echo"] = token },
                ["bulk"] = new JsonObject { ["supported"] = false, ["note"] = "Bearer " + token },
                ["authenticationSchemes"] = new JsonArray(new JsonObject { ["type"] = token, ["name"] = "Bearer" }),
            };
            return Task.FromResult(StubHandler.Response(HttpStatusCode.OK, JsonSerializer.Serialize(spc)));
        }));

        var capabilities = (await session.DiscoveryAsync()).Capabilities(session.Redactor);

        Assert.Contains(capabilities, c => c.Name == "patch.supported" && c.Value == "true");
        Assert.Contains(capabilities, c => c.Name == "patch.echo" && c.Value == Redactor.Mask);
        Assert.Contains(capabilities, c => c.Name == "bulk.note" && c.Value == "Bearer " + Redactor.Mask);
        foreach (var capability in capabilities)
        {
            Assert.DoesNotContain("Z9", capability.Value);
            Assert.DoesNotContain("tok", capability.Value);
        }
    }
}
