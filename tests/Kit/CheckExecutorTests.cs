using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

public class CheckExecutorTests
{
    /// <summary>Checks written for these tests only; they carry no [Check] so xunit does not run them itself.</summary>
    public sealed class SampleChecks : ScimCheck
    {
        public Task Passes() => Task.CompletedTask;
        public Task Violates() => throw new VerdictException("the thing is wrong", "right", "wrong");
        public Task ViolatesAMust() => throw new VerdictException("worse", "right", "very wrong", RequirementLevel.Must);
        public Task NotAdvertised() => throw new NotApplicableException("the ServiceProviderConfig does not advertise etag.supported");
        public Task MissingPrerequisite() => throw new PrerequisiteException("the schemas could not be read");
        public Task NetworkDown() => throw new HarnessException("connection refused");
        public Task Bug() => throw new InvalidOperationException("a bug in the check");
        public Task Hangs() => Task.Delay(Timeout.Infinite);
        public Task ViolatesWithHugeValues() =>
            throw new VerdictException("id " + new string('r', 60_000) + " end", "id " + new string('e', 60_000), "id " + new string('a', 60_000));
        public Task BugWithATrace() => throw new InvalidOperationException("first line\n   at Somewhere.Else()");

        /// <summary>For the scheduler's concurrency test: counts how many run at once, and holds each until the
        /// expected number are running together (or a guard time passes, which the test then reports).</summary>
        public static class Overlap
        {
            public static int Running;
            public static int MaxRunning;
            public static int Expected;
            public static TaskCompletionSource Reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public static void Reset(int expected)
            {
                (Running, MaxRunning, Expected) = (0, 0, expected);
                Reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public async Task Overlaps()
        {
            var now = Interlocked.Increment(ref Overlap.Running);
            int seen;
            while (now > (seen = Overlap.MaxRunning) && Interlocked.CompareExchange(ref Overlap.MaxRunning, now, seen) != seen) { }
            if (now >= Overlap.Expected)
                Overlap.Reached.TrySetResult();
            await Overlap.Reached.Task.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
            Interlocked.Decrement(ref Overlap.Running);
        }

        /// <summary>Sends a valid PATCH, then judges its semantics: what a filter or PATCH check does.</summary>
        public async Task PatchesThenJudges()
        {
            var response = await Scim.PatchAsync("Users/scimct-test01-abc", new JsonObject()); // an id the run made up: it may be written to
            Expect.That(response.Status == 200, "the PATCH did not add the member", "the member in the group", $"HTTP {response.Status}");
        }

        public async Task CreatesThenFails()
        {
            Ledger.Track(await Scim.PostAsync("Users", new JsonObject { ["userName"] = "scimct-test01-u-1" }), "/Users");
            Expect.That(false, "after creating", "x", "y");
        }
    }

    private static CheckDescriptor Describe(string method, RequirementLevel level = RequirementLevel.Must, IReadOnlyList<string>? tags = null) => new()
    {
        Id = $"test.{method.ToLowerInvariant()}",
        Title = method,
        Area = "test",
        Level = level,
        References = ["RFC7644 §0"],
        CatalogRows = [],
        Tags = tags ?? [],
        Requirement = "a sample",
        Prerequisites = [],
        Method = typeof(SampleChecks).GetMethod(method, BindingFlags.Public | BindingFlags.Instance)!,
    };

    private static Task<CheckResult> RunAsync(string method, RequirementLevel level = RequirementLevel.Must, StubHandler? handler = null, TimeSpan? timeout = null) =>
        CheckExecutor.RunAsync(Describe(method, level), Sessions.Over(handler ?? StubHandler.Json(HttpStatusCode.OK, "{}")), level, timeout,
            TestContext.Current.CancellationToken);

    [Theory]
    [InlineData(RequirementLevel.Must, Outcome.Fail)]
    [InlineData(RequirementLevel.Should, Outcome.Warn)]
    [InlineData(RequirementLevel.May, Outcome.Info)]
    public async Task A_violation_is_graded_by_the_level_of_the_requirement(RequirementLevel level, Outcome expected)
    {
        var result = await RunAsync(nameof(SampleChecks.Violates), level);
        Assert.Equal(expected, result.Outcome);
        Assert.Equal("the thing is wrong", result.Reason);
        Assert.Equal("right", result.Expected);
        Assert.Equal("wrong", result.Actual);
    }

    [Fact]
    public async Task A_violation_can_name_a_stricter_level_than_the_check()
    {
        var result = await RunAsync(nameof(SampleChecks.ViolatesAMust), RequirementLevel.Should);
        Assert.Equal(Outcome.Fail, result.Outcome);
    }

    [Theory]
    [InlineData(nameof(SampleChecks.Passes), Outcome.Pass, null)]
    [InlineData(nameof(SampleChecks.NotAdvertised), Outcome.NotApplicable, "etag.supported")]
    [InlineData(nameof(SampleChecks.MissingPrerequisite), Outcome.Skipped, "prerequisite not met")]
    [InlineData(nameof(SampleChecks.NetworkDown), Outcome.Error, "connection refused")]
    [InlineData(nameof(SampleChecks.Bug), Outcome.Error, "InvalidOperationException")]
    public async Task Other_endings_are_graded_without_judging_the_server(string method, Outcome expected, string? reasonContains)
    {
        var result = await RunAsync(method);
        Assert.Equal(expected, result.Outcome);
        if (reasonContains is null)
            Assert.Null(result.Reason);
        else
            Assert.Contains(reasonContains, result.Reason);
    }

    [Fact]
    public async Task Values_a_server_made_huge_are_kept_capped_with_the_cut_visible()
    {
        var result = await RunAsync(nameof(SampleChecks.ViolatesWithHugeValues));

        Assert.Equal(Outcome.Fail, result.Outcome);
        foreach (var value in new[] { result.Reason, result.Expected, result.Actual })
        {
            Assert.True(value!.Length <= EvidenceText.MaxLength + 64, $"{value.Length} characters kept");
            Assert.Contains("characters cut", value);
        }
        Assert.EndsWith(" end", result.Reason);
    }

    [Fact]
    public async Task A_bug_in_a_check_is_an_error_without_a_stack_trace()
    {
        var result = await RunAsync(nameof(SampleChecks.BugWithATrace));

        Assert.Equal(Outcome.Error, result.Outcome);
        Assert.Contains("InvalidOperationException", result.Reason);
        Assert.DoesNotContain("CheckExecutor", result.Reason);
        Assert.DoesNotContain("   at ", result.Reason);
    }

    [Fact]
    public async Task A_check_that_never_finishes_is_an_error_after_its_timeout()
    {
        var result = await RunAsync(nameof(SampleChecks.Hangs), timeout: TimeSpan.FromMilliseconds(50));
        Assert.Equal(Outcome.Error, result.Outcome);
        Assert.Contains("did not finish", result.Reason);
    }

    [Fact]
    public async Task What_a_failing_check_created_is_deleted_and_the_cleanup_is_in_its_evidence()
    {
        var handler = new StubHandler((request, _) => Task.FromResult(request.Method == HttpMethod.Post
            ? StubHandler.Response(HttpStatusCode.Created, "{\"id\":\"abc\",\"userName\":\"scimct-test01-u-1\"}")
            : StubHandler.Response(HttpStatusCode.NoContent, "")));
        var result = await RunAsync(nameof(SampleChecks.CreatesThenFails), handler: handler);

        Assert.Equal(Outcome.Fail, result.Outcome);
        Assert.Equal(["POST", "DELETE"], result.Exchanges.Select(e => e.Method));
        Assert.EndsWith("/Users/abc", result.Exchanges[1].Url);
        Assert.DoesNotContain(Sessions.Token, System.Text.Json.JsonSerializer.Serialize(result));
    }

    private static StubHandler ServerErrorOnPatch(string body) => new((request, _) => Task.FromResult(request.Method == HttpMethod.Patch
        ? StubHandler.Response(HttpStatusCode.InternalServerError, body, "application/json")
        : StubHandler.Response(HttpStatusCode.NoContent, "")));

    [Fact]
    public async Task A_violation_after_a_server_error_says_first_that_the_server_failed_and_names_the_request_and_body()
    {
        var result = await RunAsync(nameof(SampleChecks.PatchesThenJudges),
            handler: ServerErrorOnPatch($"{{\"detail\":\"Collection was modified; token {Sessions.Token}\"}}"));

        Assert.Equal(Outcome.Fail, result.Outcome); // graded as before: a server that errors does not do what is required
        Assert.StartsWith("the server answered 500 Internal Server Error to PATCH /", result.Reason);
        Assert.Contains("/Users/scimct-test01-abc: {\"detail\":\"Collection was modified", result.Reason);
        Assert.Contains("could not be judged", result.Reason);
        Assert.Contains("the PATCH did not add the member", result.Reason); // the check's own words stay, after
        Assert.Contains("not server errors", result.Expected);
        Assert.StartsWith("HTTP 500 to PATCH /", result.Actual);
        Assert.DoesNotContain(Sessions.Token, result.Reason + result.Actual); // the body excerpt is masked like everything else
    }

    [Fact]
    public async Task A_violation_without_a_server_error_keeps_its_own_words()
    {
        var handler = new StubHandler((_, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.BadRequest, "{}")));
        var result = await RunAsync(nameof(SampleChecks.PatchesThenJudges), handler: handler);
        Assert.Equal("the PATCH did not add the member", result.Reason);
        Assert.Equal("HTTP 400", result.Actual);
    }

    [Fact]
    public async Task A_check_that_judges_server_errors_itself_keeps_its_words_and_a_501_is_no_server_error()
    {
        var tagged = await CheckExecutor.RunAsync(Describe(nameof(SampleChecks.PatchesThenJudges), tags: [ServerErrorVerdicts.JudgedByTheCheckTag]),
            Sessions.Over(ServerErrorOnPatch("{}")), RequirementLevel.Must, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("the PATCH did not add the member", tagged.Reason);

        var notImplemented = await RunAsync(nameof(SampleChecks.PatchesThenJudges),
            handler: new StubHandler((_, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.NotImplemented, "{}"))));
        Assert.Equal("the PATCH did not add the member", notImplemented.Reason);
    }
}
