using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>429 and 503 are waited out as the target asks (Retry-After in seconds or as an HTTP date, else an
/// exponential back-off), a bounded number of times, every attempt in the evidence; --max-rps spaces requests.
/// The clock is an <see cref="InstantClock"/>: the waits are proved, not slept.</summary>
public class BackOffTests
{
    private readonly List<Exchange> _recorded = [];
    private readonly InstantClock _clock = new();
    private readonly List<DateTimeOffset> _sentAt = [];

    private ScimClient ClientOver(Func<int, HttpResponseMessage> answer, double? maxRps = null, bool readOnly = false)
    {
        var count = 0;
        var handler = new StubHandler((_, _) =>
        {
            lock (_sentAt)
                _sentAt.Add(_clock.GetUtcNow());
            return Task.FromResult(answer(Interlocked.Increment(ref count)));
        });
        var session = new TargetSession(new TargetSessionOptions
        {
            Name = "stub",
            BaseUrl = new Uri("https://scim.example.test/v2"),
            Token = Sessions.Token,
            Handler = handler,
            Clock = _clock,
            MaxRequestsPerSecond = maxRps,
            ReadOnly = readOnly,
        });
        return new ScimClient(session, e => { lock (_recorded) _recorded.Add(e); }, TestContext.Current.CancellationToken);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, Action<HttpResponseMessage>? adjust = null)
    {
        var response = StubHandler.Response(status, "{}");
        adjust?.Invoke(response);
        return response;
    }

    [Fact]
    public async Task A_429_with_retry_after_seconds_is_waited_out_and_retried_with_both_attempts_in_the_evidence()
    {
        var client = ClientOver(n => n == 1
            ? Answer(HttpStatusCode.TooManyRequests, r => r.Headers.Add("Retry-After", "7"))
            : Answer(HttpStatusCode.OK));

        var response = await client.GetAsync("Users");

        Assert.Equal(200, response.Status);
        Assert.Equal([TimeSpan.FromSeconds(7)], _clock.Waits);
        Assert.Equal(TimeSpan.FromSeconds(7), _sentAt[1] - _sentAt[0]);
        Assert.Equal(2, _recorded.Count);
        Assert.Equal(429, _recorded[0].Status);
        Assert.Contains("retry 1 of 3 after 7 s (Retry-After: 7)", _recorded[0].Note);
        Assert.Null(_recorded[1].Note);
    }

    [Fact]
    public async Task The_retry_note_reaches_the_rendered_evidence()
    {
        var client = ClientOver(n => n == 1
            ? Answer(HttpStatusCode.TooManyRequests, r => r.Headers.Add("Retry-After", "2"))
            : Answer(HttpStatusCode.OK));

        await client.GetAsync("Users");

        Assert.Contains("Note: answered 429; retry 1 of 3 after 2 s (Retry-After: 2)", Scim.Conformance.Reports.Renderers.ExchangeText.Response(_recorded[0]));
        Assert.DoesNotContain("Note:", Scim.Conformance.Reports.Renderers.ExchangeText.Response(_recorded[1]));
    }

    [Fact]
    public async Task A_503_with_an_http_date_waits_until_that_date()
    {
        var until = _clock.GetUtcNow().AddSeconds(5);
        var client = ClientOver(n => n == 1
            ? Answer(HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(until))
            : Answer(HttpStatusCode.Created));

        var response = await client.PostAsync("Users", new JsonObject());

        Assert.Equal(201, response.Status);
        Assert.Equal([TimeSpan.FromSeconds(5)], _clock.Waits);
        Assert.Contains("Retry-After: " + until.ToString("R"), _recorded[0].Note);
    }

    [Fact]
    public async Task Without_retry_after_the_back_off_doubles_and_gives_up_after_three_retries_as_a_harness_error()
    {
        var client = ClientOver(_ => Answer(HttpStatusCode.TooManyRequests));

        var error = await Assert.ThrowsAsync<HarnessException>(() => client.GetAsync("Users"));

        Assert.Contains("still answered 429", error.Message);
        Assert.Contains("after 3 retries", error.Message);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], _clock.Waits);
        Assert.Equal(4, _recorded.Count);
        Assert.All(_recorded, e => Assert.Equal(429, e.Status));
        Assert.Contains("exponential back-off", _recorded[0].Note);
        Assert.Contains("still answered 429", _recorded[3].Note);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_cap_is_not_waited_for()
    {
        var client = ClientOver(_ => Answer(HttpStatusCode.TooManyRequests, r => r.Headers.Add("Retry-After", "86400")));

        var error = await Assert.ThrowsAsync<HarnessException>(() => client.GetAsync("Users"));

        Assert.Contains("longer than the cap", error.Message);
        Assert.Empty(_clock.Waits);
        Assert.Single(_recorded);
    }

    [Fact]
    public async Task Max_rps_spaces_requests_one_after_another()
    {
        var client = ClientOver(_ => Answer(HttpStatusCode.OK), maxRps: 4);

        for (var i = 0; i < 5; i++)
            await client.GetAsync("Users");

        Assert.Equal(5, _sentAt.Count);
        for (var i = 1; i < _sentAt.Count; i++)
            Assert.Equal(TimeSpan.FromMilliseconds(250), _sentAt[i] - _sentAt[i - 1]);
    }

    [Fact]
    public async Task Max_rps_gives_concurrent_requests_consecutive_slots()
    {
        var client = ClientOver(_ => Answer(HttpStatusCode.OK), maxRps: 4);
        var start = _clock.GetUtcNow();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAsync("Users")));

        // Each wait ends exactly at its slot, but the instant clock moves as they end, so the waits' lengths depend on
        // how the requests interleave; the slots do not: 0, 250, 500, 750 and 1000 ms, one request each.
        Assert.Equal(5, _sentAt.Count);
        var sent = _sentAt.Select(t => (t - start).TotalMilliseconds).Order().ToList();
        Assert.All(Enumerable.Range(0, 5), k => Assert.True(sent[k] >= 250 * k, $"request {k + 1} was sent at {sent[k]} ms, before its slot at {250 * k} ms"));
        Assert.Equal(TimeSpan.FromSeconds(1), _clock.GetUtcNow() - start);
    }

    [Fact]
    public void The_pacer_reserves_consecutive_slots_and_frees_them_as_time_passes()
    {
        var pacer = new RequestPacer(2, _clock);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)], [pacer.Reserve(), pacer.Reserve(), pacer.Reserve()]);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
    }

    [Fact]
    public async Task A_read_only_session_refuses_writes_before_sending_but_lets_searches_through()
    {
        var client = ClientOver(_ => Answer(HttpStatusCode.OK), readOnly: true);

        var error = await Assert.ThrowsAsync<HarnessException>(() => client.PostAsync("Users", new JsonObject()));
        await Assert.ThrowsAsync<HarnessException>(() => client.DeleteAsync("Users/1"));
        await client.PostAsync("Users/.search", new JsonObject());
        await client.GetAsync("Users");

        Assert.Contains("read-only", error.Message);
        Assert.Equal(2, _sentAt.Count);
    }
}
