using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

public class ScimClientTests
{
    private readonly List<Exchange> _recorded = [];

    private ScimClient ClientOver(StubHandler handler, TimeSpan? timeout = null, int bodyLimit = 64 * 1024, long maxBytes = 16 * 1024 * 1024) =>
        new(Sessions.Over(handler, timeout: timeout, recordedBodyLimit: bodyLimit, maxResponseBytes: maxBytes), _recorded.Add, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Every_exchange_is_recorded_with_the_credentials_redacted()
    {
        var handler = StubHandler.Json(HttpStatusCode.OK, $"{{\"echo\":\"{Sessions.Token}\"}}");
        var response = await ClientOver(handler).PostAsync("Users", new JsonObject { ["userName"] = "bjensen" });

        Assert.Equal(200, response.Status);
        var exchange = Assert.Single(_recorded);
        Assert.Equal("POST", exchange.Method);
        Assert.Equal("https://scim.example.test/v2/Users", exchange.Url);
        Assert.Equal("Bearer [REDACTED]", exchange.RequestHeaders["Authorization"]);
        Assert.Contains("bjensen", exchange.RequestBody);
        Assert.DoesNotContain(Sessions.Token, exchange.ResponseBody);
        Assert.Equal(200, exchange.Status);
        // The real token did go on the wire.
        Assert.Equal(Sessions.Token, handler.Requests[0].Headers.Authorization?.Parameter);
    }

    [Fact]
    public async Task Nothing_goes_to_another_origin_so_no_credentials_do()
    {
        var handler = StubHandler.Json(HttpStatusCode.OK, "{}");
        await Assert.ThrowsAsync<HarnessException>(() => ClientOver(handler).GetAsync("https://elsewhere.example.test/v2/Users/1"));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Anonymous_and_wrong_credentials_are_as_asked()
    {
        var handler = StubHandler.Json(HttpStatusCode.Unauthorized, "{}");
        var client = ClientOver(handler);
        await client.GetAsync("Users", Credentials.None);
        await client.GetAsync("Users", Credentials.Wrong);
        Assert.Null(handler.Requests[0].Headers.Authorization);
        Assert.NotEqual(Sessions.Token, handler.Requests[1].Headers.Authorization?.Parameter);
        Assert.Equal("Bearer", handler.Requests[1].Headers.Authorization?.Scheme);
    }

    [Fact]
    public async Task Recorded_bodies_are_capped_but_the_check_sees_the_whole_body()
    {
        var big = "{\"x\":\"" + new string('a', 5000) + "\"}";
        var response = await ClientOver(StubHandler.Json(HttpStatusCode.OK, big), bodyLimit: 100).GetAsync("Users");
        Assert.Equal(big, response.Body);
        var exchange = Assert.Single(_recorded);
        Assert.Equal(100, exchange.ResponseBody!.Length);
        Assert.True(exchange.ResponseBodyTruncated);
        Assert.Equal(big.Length, exchange.ResponseBodyBytes);
    }

    [Fact]
    public async Task A_huge_response_is_refused_as_a_harness_error_not_read_into_memory()
    {
        var handler = StubHandler.Json(HttpStatusCode.OK, new string('x', 10_000));
        var error = await Assert.ThrowsAsync<HarnessException>(() => ClientOver(handler, maxBytes: 1000).GetAsync("Users"));
        Assert.Contains("exceeds the limit of 1000 bytes", error.Message);
        Assert.NotNull(Assert.Single(_recorded).Error);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_a_harness_error_with_evidence()
    {
        var handler = new StubHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return StubHandler.Response(HttpStatusCode.OK, "{}");
        });
        var error = await Assert.ThrowsAsync<HarnessException>(() => ClientOver(handler, timeout: TimeSpan.FromMilliseconds(50)).GetAsync("Users"));
        Assert.Contains("no complete response", error.Message);
        var exchange = Assert.Single(_recorded);
        Assert.Null(exchange.Status);
        Assert.Contains("within", exchange.Error);
    }

    [Fact]
    public async Task A_connection_failure_is_a_harness_error()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("Connection refused (127.0.0.1:9)"));
        var error = await Assert.ThrowsAsync<HarnessException>(() => ClientOver(handler).GetAsync("Users"));
        Assert.Contains("Connection refused", error.Message);
    }

    [Fact]
    public async Task Non_json_bodies_are_reported_not_thrown()
    {
        var response = await ClientOver(StubHandler.Json(HttpStatusCode.OK, "<html>oops</html>")).GetAsync("Users");
        Assert.Null(response.Json);
        Assert.Contains("not valid JSON", response.JsonError);
    }
}
