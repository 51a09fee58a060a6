using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Runner;
using Scim.Conformance.Runner.Commands;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.ReferenceServer;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>`sweep` lists what carries the prefix on every resource type, deletes only after confirmation or --yes,
/// and never touches anything without the prefix — even when the server ignores the filter.</summary>
public sealed class SweepCommandTests : IAsyncDisposable
{
    private static readonly string[] Ours = ["Users:scimct-aaaaaa-user-1", "Groups:scimct-aaaaaa-group-2", "Agents:scimct-aaaaaa-agent-3", "AgenticApplications:scimct-aaaaaa-app-4"];
    private static readonly string[] OtherRun = ["Users:scimct-bbbbbb-user-1"];
    private static readonly string[] NotOurs = ["Users:alice", "Users:xscimct-aaaaaa-user-9", "Users:alice scimct-aaaaaa-", "Groups:Operations", "Agents:prod-agent", "AgenticApplications:billing"];

    private readonly HttpClient _http = new();
    private readonly string _tokenVariable = "SCIMCT_SWEEP_TEST_" + Guid.NewGuid().ToString("N");
    private ReferenceServerHost? _host;
    private ScimTestClient _client = null!;

    private async Task StartAsync(params string[] faults)
    {
        var token = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(_tokenVariable, token);
        (_host, _client) = await Servers.StartAsync(_http, token, faults);
        foreach (var entry in Ours.Concat(OtherRun).Concat(NotOurs))
        {
            var colon = entry.IndexOf(':');
            await Tenant.CreateAsync(_client, entry[..colon], entry[(colon + 1)..]);
        }
    }

    private async Task<(int Exit, string Out, string Err)> SweepAsync(string? prefix = null, bool yes = false, string? answer = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SweepCommand.ExecuteAsync(new SweepCommand.Arguments
        {
            BaseUrl = _host!.BaseUrl.ToString(),
            TokenEnv = _tokenVariable,
            Prefix = prefix ?? PrefixSweep.Marker,
            Yes = yes,
        }, output, error, answer is null ? null : new StringReader(answer + "\n"), TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Without_yes_or_a_prompt_it_lists_every_type_and_deletes_nothing()
    {
        await StartAsync();
        var before = await Tenant.NamesAsync(_client);

        var (exit, output, _) = await SweepAsync();

        Assert.Equal(ExitCodes.Conforms, exit);
        foreach (var name in Ours.Concat(OtherRun))
            Assert.Contains(name[(name.IndexOf(':') + 1)..], output);
        foreach (var name in NotOurs)
            Assert.DoesNotContain("=" + name[(name.IndexOf(':') + 1)..] + " ", output);
        Assert.Contains("5 resource(s) carry the prefix", output);
        Assert.Contains("--yes", output);
        Assert.Equal(before, await Tenant.NamesAsync(_client));
    }

    [Fact]
    public async Task A_leftover_a_server_names_with_the_token_is_listed_masked()
    {
        await StartAsync();
        var token = Environment.GetEnvironmentVariable(_tokenVariable)!;
        await Tenant.CreateAsync(_client, "Users", "scimct-aaaaaa-leak-" + token);

        var (exit, output, error) = await SweepAsync();

        Assert.Equal(ExitCodes.Conforms, exit);
        Assert.Contains("scimct-aaaaaa-leak-" + Redactor.Mask, output);
        Assert.DoesNotContain(token, output + error);
    }

    [Fact]
    public async Task With_yes_it_deletes_exactly_what_carries_the_given_run_prefix()
    {
        await StartAsync();

        var (exit, output, error) = await SweepAsync("scimct-aaaaaa-", yes: true);

        Assert.True(exit == ExitCodes.Conforms, output + error);
        Assert.True(output.Contains("Deleted 4 of 4"), output + error);
        Assert.Equal(OtherRun.Concat(NotOurs).Order(), (await Tenant.NamesAsync(_client)).Order());
    }

    [Theory]
    [InlineData("n", false)]
    [InlineData("", false)]
    [InlineData("y", true)]
    public async Task At_the_prompt_only_yes_deletes(string answer, bool deletes)
    {
        await StartAsync();

        var (exit, output, _) = await SweepAsync(answer: answer);

        Assert.Equal(ExitCodes.Conforms, exit);
        Assert.Contains("Delete these 5 resource(s)? [y/N]", output);
        var left = await Tenant.NamesAsync(_client);
        Assert.Equal(deletes ? NotOurs.Order() : Ours.Concat(OtherRun).Concat(NotOurs).Order(), left.Order());
    }

    [Fact]
    public async Task A_server_that_ignores_the_filter_cannot_make_it_delete_anything_else()
    {
        await StartAsync("filter-ignored");

        var (exit, _, _) = await SweepAsync(yes: true);

        Assert.Equal(ExitCodes.Conforms, exit);
        Assert.Equal(NotOurs.Order(), (await Tenant.NamesAsync(_client)).Order());
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("")]
    [InlineData("scimct-a*")]
    public async Task A_prefix_without_the_tool_mark_is_refused_with_exit_2(string prefix)
    {
        await StartAsync();

        var (exit, _, error) = await SweepAsync(prefix, yes: true);

        Assert.Equal(ExitCodes.UsageOrConfiguration, exit);
        Assert.Contains("--prefix", error);
        Assert.Equal(11, (await Tenant.NamesAsync(_client)).Count);
    }

    [Fact]
    public async Task Without_filter_support_it_scans_every_page_and_still_keeps_to_the_prefix()
    {
        var users = Enumerable.Range(1, 250).Select(i => i % 50 == 0 ? $"scimct-cccccc-user-{i}" : $"person-{i}").ToList();
        var handler = new StubHandler((request, _) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            if (request.Method == HttpMethod.Delete)
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
            string body = path switch
            {
                _ when path.EndsWith("/ServiceProviderConfig") => """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],"filter":{"supported":false,"maxResults":0}}""",
                _ when path.EndsWith("/ResourceTypes") => """{"Resources":[{"id":"User","name":"User","endpoint":"/Users","schema":"urn:ietf:params:scim:schemas:core:2.0:User"}],"totalResults":1}""",
                _ when path.EndsWith("/Schemas") => """{"Resources":[{"id":"urn:ietf:params:scim:schemas:core:2.0:User","attributes":[{"name":"userName","type":"string","required":true,"multiValued":false}]}],"totalResults":1}""",
                _ => Page(users, int.Parse(query["startIndex"] ?? "1"), int.Parse(query["count"] ?? "100")),
            };
            return Task.FromResult(StubHandler.Response(HttpStatusCode.OK, body));
        });
        using var session = Sessions.Over(handler);

        var sweep = new PrefixSweep(session, TestContext.Current.CancellationToken);
        var found = await sweep.FindAsync("scimct-");
        var failures = await sweep.DeleteAsync(found, "scimct-");

        Assert.Equal(["scimct-cccccc-user-100", "scimct-cccccc-user-150", "scimct-cccccc-user-200", "scimct-cccccc-user-250", "scimct-cccccc-user-50"], found.Select(l => l.Name));
        Assert.Empty(failures);
        Assert.DoesNotContain(handler.Requests, r => r.RequestUri!.Query.Contains("filter", StringComparison.Ordinal));
        Assert.Equal(5, handler.Requests.Count(r => r.Method == HttpMethod.Delete));
        Assert.All(handler.Requests.Where(r => r.Method == HttpMethod.Delete), r => Assert.Contains("/Users/id-", r.RequestUri!.AbsolutePath));
    }

    private static string Page(IReadOnlyList<string> names, int startIndex, int count)
    {
        var page = names.Skip(startIndex - 1).Take(count)
            .Select(n => (JsonNode)new JsonObject { ["id"] = "id-" + n, ["userName"] = n }).ToArray();
        return new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:ListResponse"),
            ["totalResults"] = names.Count,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = page.Length,
            ["Resources"] = new JsonArray(page),
        }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_tokenVariable, null);
        if (_host is not null)
            await _host.DisposeAsync();
        _http.Dispose();
    }
}
