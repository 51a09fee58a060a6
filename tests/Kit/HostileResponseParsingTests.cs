using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>Whatever bytes a server answers with, a response's JSON is either a tree every check can walk to the end
/// or a reason in words: never an exception on first access (System.Text.Json accepts a member named twice and the
/// JsonObject built from it throws later, wherever it is first read).</summary>
public class HostileResponseParsingTests
{
    private static async Task<ScimResponse> AnswerAsync(byte[] body)
    {
        var handler = new StubHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/scim+json" } } },
        }));
        return await new ScimClient(Sessions.Over(handler), _ => { }, TestContext.Current.CancellationToken).GetAsync("Users");
    }

    private static Task<ScimResponse> AnswerAsync(string body) => AnswerAsync(Encoding.UTF8.GetBytes(body));

    /// <summary>Reads every member of every object, as the most curious check would.</summary>
    private static int Walk(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Sum(p => Walk(p.Value)),
        JsonArray a => 1 + a.Sum(Walk),
        _ => 1,
    };

    [Theory]
    [InlineData("{\"id\":\"1\",\"id\":\"2\"}", "\"id\" twice in one object (at $)")]
    [InlineData("{\"Resources\":[{\"id\":\"1\",\"name\":{\"givenName\":\"a\",\"givenName\":\"b\"}}]}", "\"givenName\" twice in one object (at $.Resources[0].name)")]
    [InlineData("{\"schemas\":[],\"totalResults\":1,\"schemas\":[]}", "RFC 8259 §4")]
    public async Task A_member_named_twice_is_a_reason_in_words_not_an_exception_later(string body, string expected)
    {
        var response = await AnswerAsync(body);

        Assert.Null(response.Json);
        Assert.Null(response.JsonObject);
        Assert.Contains(expected, response.JsonError);
        Assert.Empty(new ListPage(response).Resources);
    }

    [Fact]
    public async Task Names_that_differ_only_in_case_are_two_members_and_both_readable()
    {
        var response = await AnswerAsync("{\"id\":\"1\",\"ID\":\"2\"}");

        Assert.Null(response.JsonError);
        Assert.Equal(3, Walk(response.Json));
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_is_a_reason_not_a_stack_overflow()
    {
        var response = await AnswerAsync(string.Concat(Enumerable.Repeat("{\"a\":[", 20_000)) + string.Concat(Enumerable.Repeat("]}", 20_000)));

        Assert.Null(response.Json);
        Assert.Contains("depth", response.JsonError);
    }

    [Fact]
    public async Task Nesting_within_the_limit_is_read_whole()
    {
        var depth = ServerJson.MaxDepth / 2 - 1;
        var response = await AnswerAsync(string.Concat(Enumerable.Repeat("{\"a\":[", depth)) + string.Concat(Enumerable.Repeat("]}", depth)));

        Assert.Null(response.JsonError);
        Assert.Equal(depth * 2, Walk(response.Json));
    }

    [Fact]
    public async Task A_byte_order_mark_is_named()
    {
        var response = await AnswerAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"id\":\"1\"}")]);

        Assert.Null(response.Json);
        Assert.Contains("byte order mark", response.JsonError);
    }

    [Fact]
    public async Task Invalid_utf8_is_read_with_replacement_characters_and_never_throws()
    {
        var response = await AnswerAsync([.. Encoding.UTF8.GetBytes("{\"userName\":\"a"), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("b\"}")]);

        Assert.Null(response.JsonError);
        Assert.Contains("\uFFFD", response.JsonObject!.StringMember("userName"));
    }

    [Fact]
    public async Task A_raw_nul_byte_is_a_reason_and_an_escaped_one_a_value()
    {
        var raw = await AnswerAsync([.. Encoding.UTF8.GetBytes("{\"userName\":\"a"), 0x00, .. Encoding.UTF8.GetBytes("b\"}")]);
        var escaped = await AnswerAsync("{\"userName\":\"a\\u0000b\"}");

        Assert.Null(raw.Json);
        Assert.Contains("not valid JSON", raw.JsonError);
        Assert.Equal("a\0b", escaped.JsonObject!.StringMember("userName"));
    }

    [Fact]
    public async Task Numbers_beyond_any_integer_are_described_not_thrown_on()
    {
        var response = await AnswerAsync("{\"totalResults\":99999999999999999999,\"itemsPerPage\":1e400,\"startIndex\":-1e-400,\"Resources\":[]}");
        var page = new ListPage(response);

        Assert.Null(page.TotalResults);
        Assert.Null(page.ItemsPerPage);
        Assert.False(response.JsonObject!.Member("totalResults").IsInteger());
        Assert.Equal("the number 1e400", ScimJson.Describe(response.JsonObject!.Member("itemsPerPage")));
        Assert.Contains("with 0 resource(s), totalResults absent", page.Summary);
    }

    [Fact]
    public async Task A_description_of_a_huge_value_stays_short()
    {
        var response = await AnswerAsync($"{{\"id\":\"{new string('x', 60_000)}\",\"n\":{new string('9', 60_000)}}}");

        Assert.True(ScimJson.Describe(response.JsonObject!.Member("id")).Length < 200);
        Assert.True(ScimJson.Describe(response.JsonObject!.Member("n")).Length < 200);
        Assert.True(ScimJson.Describe(response.JsonObject).Length < 200);
    }

    [Fact]
    public async Task Discovery_answered_with_members_named_twice_is_unreadable_with_the_reason_not_empty()
    {
        var handler = new StubHandler((request, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.OK,
            request.RequestUri!.AbsolutePath.EndsWith("ServiceProviderConfig", StringComparison.Ordinal)
                ? "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig\"]}"
                : "{\"totalResults\":0,\"Resources\":[],\"totalResults\":0}")));

        var discovery = await Sessions.Over(handler).DiscoveryAsync();

        var unreadable = Assert.Throws<PrerequisiteException>(() => discovery.ResourceTypes);
        Assert.Contains("could not be read", unreadable.Message);
        Assert.Contains("\"totalResults\" twice", unreadable.Message);
        Assert.Contains("\"totalResults\" twice", Assert.Throws<PrerequisiteException>(() => discovery.Schemas).Message);
    }
}
