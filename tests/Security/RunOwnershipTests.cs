using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Security;

/// <summary>A resource is the run's only by proof, and only the run's resources are ever written to or deleted: a
/// server that answers a create with someone else's resource, or with an id that names no resource, cannot steer a
/// PUT, PATCH or DELETE (the cleanup's included) at data the run did not create. The stub session's prefix is
/// <c>scimct-test01</c>.</summary>
public class RunOwnershipTests
{
    private const string Ours = "scimct-test01-user-1";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static JsonObject Body(string userName = Ours) => new() { ["userName"] = userName };

    /// <summary>A target that answers every POST /Users with <paramref name="created"/>, lists <paramref name="listed"/>,
    /// and 204 to anything else.</summary>
    private static StubHandler Target(string created, string listed = "{\"Resources\":[]}") => new((request, _) => Task.FromResult(
        request.Method == HttpMethod.Post ? StubHandler.Response(HttpStatusCode.Created, created)
        : request.Method == HttpMethod.Get ? StubHandler.Response(HttpStatusCode.OK, listed)
        : StubHandler.Response(HttpStatusCode.NoContent, "")));

    private static List<string> Writes(StubHandler handler) =>
        [.. handler.Requests.Where(r => r.Method != HttpMethod.Get && r.Method != HttpMethod.Post).Select(r => $"{r.Method} {r.RequestUri!.AbsolutePath}")];

    [Fact]
    public async Task A_create_answered_with_someone_elses_resource_is_a_finding_and_that_resource_is_never_written_or_deleted()
    {
        var handler = Target("{\"id\":\"alice-1\",\"userName\":\"alice\"}");
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);
        var ledger = new ResourceLedger(client);

        ledger.Track(await client.PostAsync("Users", Body()), "/Users");
        var put = await Assert.ThrowsAsync<HarnessException>(() => client.PutAsync("Users/alice-1", Body()));
        var left = await ledger.CleanupAsync();

        Assert.Empty(Writes(handler));
        Assert.Empty(left);
        Assert.Empty(ledger.Outstanding);
        Assert.Contains("not one the run created", put.Message);
        Assert.Contains(session.SafetyFindings, f => f.Kind == SafetyFindingKinds.NotTheRunsResource && f.Detail.Contains("someone else's"));
        Assert.Contains(session.SafetyFindings, f => f.Kind == SafetyFindingKinds.WriteRefused);
        Assert.True(session.MayHaveLeftSomethingBehind, "an unproven create must make the run end with a sweep of its prefix");
    }

    [Fact]
    public async Task A_create_that_echoes_the_runs_values_with_the_id_of_a_resource_seen_before_is_not_the_runs()
    {
        var handler = Target("{\"id\":\"alice-1\",\"userName\":\"" + Ours + "\"}", "{\"Resources\":[{\"id\":\"alice-1\",\"userName\":\"alice\"}]}");
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);
        var ledger = new ResourceLedger(client);

        await client.GetAsync("Users");
        ledger.Track(await client.PostAsync("Users", Body()), "/Users");
        await ledger.CleanupAsync();

        Assert.Empty(Writes(handler));
        Assert.Contains(session.SafetyFindings, f => f.Kind == SafetyFindingKinds.NotTheRunsResource && f.Detail.Contains("saw earlier"));
    }

    [Fact]
    public async Task A_proven_create_is_written_to_and_deleted()
    {
        var handler = Target("{\"id\":\"u-7\",\"userName\":\"" + Ours.ToUpperInvariant() + "\"}");
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);
        var ledger = new ResourceLedger(client);

        ledger.Track(await client.PostAsync("Users", Body()), "/Users");
        await client.PatchAsync("Users/u-7", new JsonObject());
        await ledger.CleanupAsync();

        Assert.Equal(["PATCH /v2/Users/u-7", "DELETE /v2/Users/u-7"], Writes(handler));
        Assert.Empty(session.SafetyFindings);
        Assert.False(session.MayHaveLeftSomethingBehind);
    }

    public static TheoryData<string, string, bool> Answers => new()
    {
        // Better Auth lower-cases userName the JavaScript way: Turkish "İ" becomes "i" and a combining dot.
        { "scimct-test01-userName-106-İlkay Aydın", "scimct-test01-username-106-i\u0307lkay aydın", true },
        { "scimct-test01-userName-106-Jürgen", "SCIMCT-TEST01-USERNAME-106-JÜRGEN", true },
        // Another of the run's own users (a server that mixes up concurrent creates) is not the one created.
        { "scimct-test01-userName-106-Jürgen", "scimct-test01-userName-107-Jürgen", false },
        { "scimct-test01-userName-106-Jürgen", "scimct-test01-userName-1060-Jürgen", false },
        // A body sent without a prefixed string (an empty userName, to see it refused) proves itself by coming back as sent.
        { "", "", true },
        { "", "alice", false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task A_create_is_the_runs_when_the_name_it_sent_comes_back_whatever_the_case_and_text_after_its_unique_part(string sent, string answered, bool ours)
    {
        var handler = Target(new JsonObject { ["id"] = "u-1", ["userName"] = answered }.ToJsonString());
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);
        var ledger = new ResourceLedger(client);

        ledger.Track(await client.PostAsync("Users", Body(sent)), "/Users");

        Assert.Equal(ours, ledger.Outstanding.Count == 1);
        Assert.Equal(ours, session.SafetyFindings.IsEmpty);
    }

    public static TheoryData<string, string> RefusedWrites => new()
    {
        { "PUT", "Users/someone-else" },
        { "PATCH", "Users/someone-else" },
        { "DELETE", "Users/someone-else" },
        { "DELETE", "Users" },
        { "DELETE", "Users/" },
        { "PUT", "" },
        { "DELETE", "Users/.." },
        { "DELETE", "Users/%2E%2E" },
        { "PATCH", "Users/." },
        { "DELETE", "https://scim.example.test/v2-evil/Users/scimct-test01-x" },
        { "DELETE", "https://elsewhere.example.test/v2/Users/scimct-test01-x" },
        { "GET", "https://elsewhere.example.test/v2/Users" },
        { "GET", "https://scim.example.test/v2-evil/Users" },
        { "GET", "http://scim.example.test/v2/Users" },
    };

    [Theory]
    [MemberData(nameof(RefusedWrites))]
    public async Task A_request_outside_the_base_url_or_to_what_the_run_does_not_own_is_never_sent(string method, string path)
    {
        var handler = Target("{}");
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);

        var refused = await Assert.ThrowsAsync<HarnessException>(() => client.SendAsync(new HttpMethod(method), path, method == "DELETE" || method == "GET" ? null : new JsonObject()));

        Assert.Empty(handler.Requests);
        Assert.Contains("was not sent", refused.Message);
        Assert.Single(session.SafetyFindings);
    }

    [Theory]
    [InlineData(Credentials.Configured)]
    [InlineData(Credentials.Wrong)]
    [InlineData(Credentials.None)]
    public async Task No_credentials_of_any_kind_go_to_another_origin_because_nothing_does(Credentials credentials)
    {
        var handler = Target("{}");
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);

        await Assert.ThrowsAsync<HarnessException>(() => client.GetAsync("https://elsewhere.example.test/v2/Users", credentials));

        Assert.Empty(handler.Requests);
    }

    public static TheoryData<string, string> AllowedWrites => new()
    {
        { "POST", "Users" },
        { "POST", "Users/.search" },
        { "POST", ".search" },
        { "PUT", "ServiceProviderConfig" },
        { "PATCH", "Users/scimct-test01-missing-3-0f9" },
        { "DELETE", "Users/scimct-test01-missing-3-0f9" },
        { "POST", "Bulk" },
    };

    [Theory]
    [MemberData(nameof(AllowedWrites))]
    public async Task Creates_searches_discovery_writes_and_ids_the_run_made_up_are_sent(string method, string path)
    {
        var handler = Target("{}");
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);

        await client.SendAsync(new HttpMethod(method), path, method == "DELETE" ? null : new JsonObject());

        Assert.Single(handler.Requests);
        Assert.Empty(session.SafetyFindings);
    }

    [Fact]
    public async Task A_bulk_request_that_changes_a_resource_the_run_does_not_own_is_not_sent()
    {
        var handler = Target("{}");
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);
        JsonObject Bulk(params (string Method, string Path)[] operations) => new()
        {
            ["Operations"] = new JsonArray([.. operations.Select(o => (JsonNode)new JsonObject { ["method"] = o.Method, ["path"] = o.Path })]),
        };

        await client.PostAsync("Bulk", Bulk(("POST", "/Users"), ("PATCH", "/Users/bulkId:a"), ("DELETE", "/Users/scimct-test01-missing-1")));
        var refused = await Assert.ThrowsAsync<HarnessException>(() => client.PostAsync("Bulk", Bulk(("POST", "/Users"), ("DELETE", "/Users/alice-1"))));

        Assert.Single(handler.Requests);
        Assert.Contains("DELETE /Users/alice-1", refused.Message);
    }

    public static TheoryData<string> UnaddressableIds => new(["", ".", ".."]);

    [Theory]
    [MemberData(nameof(UnaddressableIds))]
    public async Task An_id_that_names_no_resource_is_a_finding_and_never_a_request_to_a_parent_path(string id)
    {
        var handler = Target(new JsonObject { ["id"] = id, ["userName"] = Ours }.ToJsonString());
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);
        var ledger = new ResourceLedger(client);

        ledger.Track(await client.PostAsync("Users", Body()), "/Users");
        await ledger.CleanupAsync();

        Assert.Empty(Writes(handler));
        Assert.Empty(ledger.Outstanding);
        Assert.Contains(session.SafetyFindings, f => f.Kind is SafetyFindingKinds.UnaddressableId or SafetyFindingKinds.NotTheRunsResource);
    }

    [Fact]
    public async Task A_bulk_location_is_read_before_it_is_taken_as_the_runs()
    {
        var handler = new StubHandler((request, _) => Task.FromResult(request.RequestUri!.AbsolutePath switch
        {
            "/v2/Users/ours" => StubHandler.Response(HttpStatusCode.OK, "{\"id\":\"ours\",\"userName\":\"" + Ours + "\"}"),
            "/v2/Users/theirs" => StubHandler.Response(HttpStatusCode.OK, "{\"id\":\"theirs\",\"userName\":\"bob\"}"),
            _ => StubHandler.Response(HttpStatusCode.NoContent, ""),
        }));
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);
        var ledger = new ResourceLedger(client);

        await ledger.TrackLocationAsync("https://scim.example.test/v2/Users/ours");
        await ledger.TrackLocationAsync("https://scim.example.test/v2/Users/theirs");
        await ledger.TrackLocationAsync("https://scim.example.test/v2-evil/Users/x");
        await ledger.CleanupAsync();

        Assert.Equal(["DELETE /v2/Users/ours"], Writes(handler));
        Assert.DoesNotContain(handler.Requests, r => r.RequestUri!.AbsolutePath.StartsWith("/v2-evil", StringComparison.Ordinal));
    }
}

/// <summary>A write with no complete answer, or a delete the server refused, may leave something of the run's on the
/// target that no ledger knows of: the session says so, and the runner then ends the run with a sweep of its prefix.</summary>
public class LeftBehindTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_cut_off_after_it_was_sent_marks_the_run_for_a_final_sweep()
    {
        var handler = new StubHandler((request, _) => request.Method == HttpMethod.Post
            ? throw new HttpRequestException("the connection was reset")
            : Task.FromResult(StubHandler.Response(HttpStatusCode.OK, "{}")));
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);

        await client.GetAsync("Users");
        Assert.False(session.MayHaveLeftSomethingBehind);
        await Assert.ThrowsAsync<HarnessException>(() => client.PostAsync("Users", new JsonObject { ["userName"] = "scimct-test01-u-1" }));

        Assert.True(session.MayHaveLeftSomethingBehind);
    }

    [Theory]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task A_delete_the_server_refused_is_a_leftover_and_marks_the_run_for_a_final_sweep(HttpStatusCode answer)
    {
        var handler = new StubHandler((request, _) => Task.FromResult(request.Method == HttpMethod.Post
            ? StubHandler.Response(HttpStatusCode.Created, "{\"id\":\"u1\",\"userName\":\"scimct-test01-u-1\"}")
            : StubHandler.Response(answer, "")));
        using var session = Sessions.Over(handler);
        var client = new ScimClient(session, _ => { }, Cancel);
        var ledger = new ResourceLedger(client);

        ledger.Track(await client.PostAsync("Users", new JsonObject { ["userName"] = "scimct-test01-u-1" }), "/Users");
        var left = await ledger.CleanupAsync();

        Assert.Contains($"DELETE answered {(int)answer}", Assert.Single(left));
        Assert.True(session.MayHaveLeftSomethingBehind);
    }
}
