using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.ReferenceServer;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Checks;

/// <summary>A run touches only what it made and leaves nothing behind: every resource it creates or replaces carries
/// the run prefix on its naming attribute, the tenant is as empty after the run as before, and under --read-only
/// nothing that could write is even sent. Every check declares whether it writes.</summary>
public class RunHygieneTests
{
    public static TheoryData<string> CheckIds => new(CheckCatalog.All.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Each_check_declares_whether_it_writes(string id) =>
        Assert.True(CheckCatalog.Find(id)!.Effect != TargetEffect.Undeclared,
            $"{id} does not declare its effect: put [TargetEffect(...)] on its class or Effect = ... on its [Check]");

    [Fact]
    public async Task A_full_run_names_everything_it_writes_with_the_run_prefix_and_leaves_the_tenant_empty()
    {
        await using var server = await EmbeddedTarget.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var tenant = new ScimTestClient(http, server.BaseUrl, server.Token);
        // The token's subject (the User /Me names) exists before any run, as on a real tenant; the reference server
        // provisions it on the first GET /Me. Everything else the run creates must be gone afterwards.
        (await tenant.GetAsync("/Me")).AssertStatus(System.Net.HttpStatusCode.OK);
        var before = await Tenant.NamesAsync(tenant);
        Assert.Equal(["Users:reference-server-operator"], before);
        var recorder = new Recorder();
        using var session = SessionOver(server, recorder, readOnly: false);

        var document = await Run(session, readOnly: false);

        Assert.DoesNotContain(document.Checks, c => c.Outcome is Outcome.Fail or Outcome.Error);
        var discovery = await session.DiscoveryAsync();
        var written = 0;
        foreach (var (method, url, body) in recorder.Writes)
        {
            var type = discovery.ResourceTypes.FirstOrDefault(t =>
                url.AbsolutePath.Contains(ResourceFactory.EndpointOf(t).TrimEnd('/') + "/", StringComparison.Ordinal)
                || url.AbsolutePath.EndsWith(ResourceFactory.EndpointOf(t).TrimEnd('/'), StringComparison.Ordinal));
            if (type is null || JsonNode.Parse(body) is not JsonObject resource || resource["id"] is null)
                continue;
            var attribute = PrefixSweep.NamingAttribute(discovery, type)!;
            var name = resource[attribute]?.GetValue<string>();
            Assert.True(session.Prefix.Owns(name), $"{method} {url} left a {ResourceFactory.NameOf(type)} whose {attribute} is '{name}', without the run prefix {session.Prefix.Value}");
            written++;
        }
        Assert.True(written > 100, $"only {written} successful writes were seen; the recorder is not seeing the run");

        Assert.Equal(before, await Tenant.NamesAsync(tenant));
    }

    [Fact]
    public async Task A_read_only_run_sends_nothing_that_could_write_and_every_read_only_check_still_passes()
    {
        await using var server = await EmbeddedTarget.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var recorder = new Recorder();
        using var session = SessionOver(server, recorder, readOnly: true);

        var document = await Run(session, readOnly: true);

        Assert.Empty(recorder.Sent.Where(r => ChangesNothing.IsWrite(r.Method, r.Url)).Select(r => $"{r.Method} {r.Url}"));
        // The same read-only checks without the client's write guard: what each ends with when nothing stops it.
        using var unguarded = SessionOver(server, new Recorder(), readOnly: false);
        var free = await Run(unguarded, readOnly: true);
        foreach (var check in CheckCatalog.All)
        {
            var result = document.Checks.Single(c => c.Id == check.Id);
            if (check.Effect == TargetEffect.ReadsOnly)
            {
                // Against the correct server a read-only check passes, or is NotApplicable for a reason that has
                // nothing to do with --read-only (agents.discovery.unadvertised-not-served on a server that advertises
                // agents): then it ends exactly as it does unguarded.
                var unrestricted = free.Checks.Single(c => c.Id == check.Id);
                Assert.True(result.Outcome == Outcome.Pass
                        || (result.Outcome == Outcome.NotApplicable && (unrestricted.Outcome, unrestricted.Reason) == (result.Outcome, result.Reason)),
                    $"{check.Id} is declared read-only but ended {result.Outcome}: {result.Reason}");
            }
            else
                Assert.Equal((Outcome.Skipped, "not run under --read-only: the check writes to the target"), (result.Outcome, result.Reason));
        }
        Assert.Contains(document.Checks, c => c.Outcome == Outcome.Pass);
    }

    private static TargetSession SessionOver(EmbeddedTarget server, Recorder recorder, bool readOnly)
    {
        recorder.InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false };
        return new TargetSession(new TargetSessionOptions
        {
            Name = "reference-server",
            BaseUrl = server.BaseUrl,
            Token = server.Token,
            Handler = recorder,
            ReadOnly = readOnly,
        });
    }

    private static Task<ResultDocument> Run(TargetSession session, bool readOnly) =>
        new ConformanceRun(session, new TargetInfo { Name = session.Name, BaseUrl = session.BaseUrl.ToString() },
                new Selection([], [], CheckCatalog.All, readOnly), concurrency: 8)
            .ExecuteAsync(CheckCatalog.All, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Sees every request, and the body of every successful POST, PUT and PATCH.</summary>
    private sealed class Recorder : DelegatingHandler
    {
        public ConcurrentQueue<(HttpMethod Method, Uri Url)> Sent { get; } = new();
        public ConcurrentQueue<(HttpMethod Method, Uri Url, string Body)> Writes { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Enqueue((request.Method, request.RequestUri!));
            var response = await base.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode && (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch)
                && !request.RequestUri!.AbsolutePath.EndsWith("/.search", StringComparison.Ordinal))
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (body.TrimStart().StartsWith('{'))
                    Writes.Enqueue((request.Method, request.RequestUri!, body));
            }
            return response;
        }
    }
}
