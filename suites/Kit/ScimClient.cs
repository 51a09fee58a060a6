using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>The HTTP client a check talks to the server with. Every exchange is recorded as evidence (credentials
/// redacted, bodies capped); a timeout or a network failure becomes a <see cref="HarnessException"/>, which the
/// check reports as Error, never as a verdict on the server.</summary>
public sealed class ScimClient(TargetSession session, Action<Exchange> record, CancellationToken cancellationToken)
{
    public const string ScimMediaType = "application/scim+json";

    private TargetIdentity _identity = session.Primary;

    public TargetSession Session => session;

    /// <summary>The identity whose credentials <see cref="Credentials.Configured"/> means.</summary>
    public TargetIdentity Identity => _identity;

    /// <summary>The same client (same evidence, same cancellation) acting as another identity of the target.</summary>
    public ScimClient As(TargetIdentity identity) => new(session, record, cancellationToken) { _identity = identity };

    /// <summary>A GET; <paramref name="accept"/> replaces the default Accept header, and null sends none.</summary>
    public Task<ScimResponse> GetAsync(string pathOrUrl, Credentials credentials = Credentials.Configured, string? accept = ScimMediaType) =>
        SendAsync(HttpMethod.Get, pathOrUrl, credentials: credentials, accept: accept);

    public Task<ScimResponse> PostAsync(string pathOrUrl, JsonNode body) => SendAsync(HttpMethod.Post, pathOrUrl, body);

    public Task<ScimResponse> PutAsync(string pathOrUrl, JsonNode body) => SendAsync(HttpMethod.Put, pathOrUrl, body);

    public Task<ScimResponse> PatchAsync(string pathOrUrl, JsonNode body) => SendAsync(HttpMethod.Patch, pathOrUrl, body);

    public Task<ScimResponse> DeleteAsync(string pathOrUrl) => SendAsync(HttpMethod.Delete, pathOrUrl);

    public async Task<ScimResponse> SendAsync(
        HttpMethod method,
        string pathOrUrl,
        JsonNode? body = null,
        Credentials credentials = Credentials.Configured,
        string? rawBody = null,
        string contentType = ScimMediaType,
        IReadOnlyDictionary<string, string>? headers = null,
        string? accept = ScimMediaType)
    {
        var url = session.Resolve(pathOrUrl);
        var requestText = rawBody ?? body?.ToJsonString();
        // Nothing goes outside the base URL, whatever URL a server hands us (endpoint, meta.location, $ref, ...), with
        // credentials or without; and nothing is written to or deleted that is not the run's (see RequestSafety).
        Safety.RequestSafety.EnsureSafe(session, method, pathOrUrl, url, requestText);
        // The handler of the identity applies the credentials to each attempt (and renews an OAuth token refused with 401).
        var http = credentials == Credentials.None ? session.Anonymous.Http : _identity.Http;
        if (session.Options.ReadOnly && ChangesNothing.IsWrite(method, url))
            throw new HarnessException($"read-only run: refused to send {method} {session.Redactor.Text(url.ToString())}, which could change the target");

        HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(method, url);
            if (accept is not null)
                request.Headers.TryAddWithoutValidation("Accept", accept);
            request.Options.Set(Authentication.AuthenticatingHandler.Mode, credentials);
            if (requestText is not null)
                request.Content = new StringContent(requestText, Encoding.UTF8, contentType);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                    request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            return request;
        }

        // A 429 or 503 is the target asking us to slow down, not an answer to the check: wait as asked and send again,
        // a bounded number of times. Every attempt stays in the evidence, with a note saying what was done about it.
        try
        {
            for (var retry = 1; ; retry++)
            {
                using var request = Build();
                var (response, giveUp) = await SendOnceAsync(http, request, requestText, retry);
                if (giveUp is null)
                    return response;
                await Task.Delay(giveUp.Value.Wait, session.Options.Clock, cancellationToken);
            }
        }
        catch (Exception e) when (e is HarnessException or OperationCanceledException && method != HttpMethod.Get)
        {
            // A write with no complete answer may have created something no ledger knows of: the run ends with a sweep.
            session.NoteLeftSomethingBehind();
            throw;
        }
    }

    /// <summary>Attempt number <paramref name="attempt"/> (1 is the first send). Returns the response, and, when it is
    /// a 429/503 worth retrying, how long to wait before the next attempt.</summary>
    private async Task<(ScimResponse Response, (TimeSpan Wait, string Why)? Retry)> SendOnceAsync(
        HttpClient http, HttpRequestMessage request, string? requestText, int attempt)
    {
        if (session.Pacer is { } pacer)
            await pacer.WaitTurnAsync(cancellationToken);
        if (session.InFlight is { } inFlight)
            await inFlight.WaitAsync(cancellationToken);
        try
        {
            return await SendHoldingSlotAsync(http, request, requestText, attempt);
        }
        finally
        {
            session.InFlight?.Release();
        }
    }

    private async Task<(ScimResponse Response, (TimeSpan Wait, string Why)? Retry)> SendHoldingSlotAsync(
        HttpClient http, HttpRequestMessage request, string? requestText, int attempt)
    {
        var method = request.Method;
        var url = request.RequestUri!;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(session.Options.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var (bodyText, bytes) = await ReadBodyAsync(response, timeout.Token);
            var responseHeaders = HeadersOf(response);
            var status = (int)response.StatusCode;
            var policy = session.Options.Retries;
            if (RetryPolicy.IsRetryable(status) && policy.MaxRetries > 0)
            {
                if (attempt > policy.MaxRetries)
                {
                    var reason = $"the target still answered {status} to {method} {url} after {policy.MaxRetries} retries: it is rate-limited or unavailable, so no verdict";
                    Record(request, requestText, started, clock, status, responseHeaders, bodyText, bytes, null, reason);
                    throw new HarnessException(session.Redactor.Text(reason));
                }
                var retry = attempt;
                var (wait, why) = policy.WaitBefore(retry, response.Headers.RetryAfter, session.Options.Clock.GetUtcNow());
                if (wait > policy.MaxWait)
                {
                    var reason = $"the target answered {status} to {method} {url} and asked to wait {wait.TotalSeconds:0} s ({why}), longer than the cap of {policy.MaxWait.TotalSeconds:0} s: no verdict";
                    Record(request, requestText, started, clock, status, responseHeaders, bodyText, bytes, null, reason);
                    throw new HarnessException(session.Redactor.Text(reason));
                }
                var note = $"answered {status}; retry {retry} of {policy.MaxRetries} after {wait.TotalSeconds:0.###} s ({why})";
                var waited = Record(request, requestText, started, clock, status, responseHeaders, bodyText, bytes, null, note);
                return (new ScimResponse(response.StatusCode, responseHeaders, bodyText, waited), (wait, why));
            }
            var exchange = Record(request, requestText, started, clock, status, responseHeaders, bodyText, bytes, null);
            var answer = new ScimResponse(response.StatusCode, responseHeaders, bodyText, exchange) { SentBody = requestText };
            if (status == 200 && (method == HttpMethod.Get || method == HttpMethod.Post))
                session.Ownership.Observe(answer.Json); // other people's resources, so a create answered with one is recognised
            return (answer, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = $"no complete response to {method} {url} within {session.Options.RequestTimeout.TotalSeconds:0.#} s";
            Record(request, requestText, started, clock, null, null, null, null, reason);
            throw new HarnessException(session.Redactor.Text(reason));
        }
        catch (HttpRequestException e)
        {
            // The outer message is often generic ("An error occurred while sending the request"): say what really happened.
            var detail = e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $" ({inner.Message})" : "";
            var reason = $"{method} {url} failed: {e.Message}{detail}";
            Record(request, requestText, started, clock, null, null, null, null, reason);
            throw new HarnessException(session.Redactor.Text(reason), e);
        }
        catch (IOException e)
        {
            // The connection broke while the body was read (reset, or fewer bytes than Content-Length announced).
            var reason = $"the response to {method} {url} was cut off: {e.Message}";
            Record(request, requestText, started, clock, null, null, null, null, reason);
            throw new HarnessException(session.Redactor.Text(reason), e);
        }
        catch (Authentication.AuthenticationFailedException e)
        {
            var reason = $"{method} {url} was not sent: {e.Message}";
            Record(request, requestText, started, clock, null, null, null, null, reason);
            throw new HarnessException(session.Redactor.Text(reason), e);
        }
        catch (ResponseTooLargeException e)
        {
            Record(request, requestText, started, clock, e.Status, null, null, e.Bytes, e.Message);
            throw new HarnessException(e.Message);
        }
    }

    private async Task<(string Text, long Bytes)> ReadBodyAsync(HttpResponseMessage response, CancellationToken token)
    {
        var limit = session.Options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
            throw new ResponseTooLargeException((int)response.StatusCode, declared, limit);
        await using var stream = await response.Content.ReadAsStreamAsync(token);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, token)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new ResponseTooLargeException((int)response.StatusCode, buffer.Length + read, limit);
            buffer.Write(chunk, 0, read);
        }
        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), buffer.Length);
    }

    private static Dictionary<string, string> HeadersOf(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            headers[name] = string.Join(", ", values);
        return headers;
    }

    private Exchange Record(
        HttpRequestMessage request, string? requestBody, DateTimeOffset started, Stopwatch clock,
        int? status, IReadOnlyDictionary<string, string>? responseHeaders, string? responseBody, long? responseBytes, string? error,
        string? note = null)
    {
        var redactor = session.Redactor;
        var limit = session.Options.RecordedBodyLimit;
        var requestHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
            requestHeaders[name] = redactor.Header(name, string.Join(", ", values));

        // Masked whole, then cut: a secret straddling the cut must not leave its first half in the evidence.
        var maskedRequestBody = requestBody is null ? null : redactor.Text(requestBody);
        var maskedResponseBody = responseBody is null ? null : redactor.Text(responseBody);
        var exchange = new Exchange
        {
            Method = request.Method.Method,
            Url = CapUrl(redactor.Text(request.RequestUri!.ToString())),
            RequestHeaders = requestHeaders,
            RequestBody = maskedRequestBody is null ? null : Cap(maskedRequestBody, limit),
            RequestBodyTruncated = maskedRequestBody?.Length > limit,
            Status = status,
            ResponseHeaders = (responseHeaders ?? new Dictionary<string, string>())
                .ToDictionary(h => h.Key, h => redactor.Header(h.Key, h.Value), StringComparer.OrdinalIgnoreCase),
            ResponseBody = maskedResponseBody is null ? null : Cap(maskedResponseBody, limit),
            ResponseBodyTruncated = maskedResponseBody?.Length > limit,
            ResponseBodyBytes = responseBytes,
            ElapsedMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
            StartedAt = started,
            Error = error is null ? null : redactor.Text(error),
            Note = note is null ? null : redactor.Text(note),
        };
        record(exchange);
        return exchange;
    }

    /// <summary>The media type of a Content-Type header, lower-cased and without parameters; null when absent or unparsable.</summary>
    public static string? MediaTypeOf(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType?.ToLowerInvariant() : null;

    private static string Cap(string text, int limit) => text.Length <= limit ? text : text[..limit];

    /// <summary>URLs are kept up to this many characters in the evidence: a server's 60,000-character id must not be
    /// recorded whole in every exchange that names it.</summary>
    public const int RecordedUrlLimit = 4 * 1024;

    // Cut after masking (a secret across the cut would leave its first half), and said so in the URL itself.
    private static string CapUrl(string url) =>
        url.Length <= RecordedUrlLimit ? url : $"{url[..RecordedUrlLimit]}… (cut: {url.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} characters in all)";

    private sealed class ResponseTooLargeException(int status, long bytes, long limit)
        : Exception($"the response body exceeds the limit of {limit} bytes (at least {bytes} bytes); it was not read further")
    {
        public int Status { get; } = status;
        public long Bytes { get; } = bytes;
    }
}
