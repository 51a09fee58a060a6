using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Scim.Conformance.Suites.Kit.Authentication;

/// <summary>How an OAuth client proves itself to the token endpoint (RFC 6749 §2.3.1).</summary>
public enum OAuthClientAuthentication
{
    /// <summary>HTTP Basic with the form-encoded id and secret (client_secret_basic), which every server must accept.</summary>
    Basic,
    /// <summary>client_id and client_secret in the form body (client_secret_post).</summary>
    Post,
}

/// <summary>
/// OAuth 2.0 client credentials (RFC 6749 §4.4): an access token is fetched from the token endpoint with the client's id
/// and secret (and scope, if configured), cached, and sent as a bearer token. It is fetched again shortly before it
/// expires (by <c>expires_in</c>), and once when the target answers 401 to it (the server may have revoked it early).
/// Concurrent requests share one fetch. The client secret and every token fetched are registered with the redactor
/// before use.
/// </summary>
public sealed class OAuthClientCredentials : TargetAuthentication
{
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private AuthenticationServices? _services;
    // Replaced whole (a reference), so a reader never sees one token with another's expiry.
    private volatile IssuedToken? _current;

    public OAuthClientCredentials(Uri tokenEndpoint, string clientId, string clientSecret, string? scope = null,
        OAuthClientAuthentication clientAuthentication = OAuthClientAuthentication.Basic)
    {
        TokenEndpoint = tokenEndpoint;
        ClientId = clientId;
        ClientSecret = clientSecret;
        Scope = scope;
        ClientAuthentication = clientAuthentication;
    }

    public override string Scheme => "oauth2-client-credentials";
    public Uri TokenEndpoint { get; }
    public string ClientId { get; }
    public string? Scope { get; }
    public OAuthClientAuthentication ClientAuthentication { get; }
    private string ClientSecret { get; }

    /// <summary>How many tokens were fetched so far.</summary>
    public int TokensFetched { get; private set; }

    protected override IEnumerable<string?> Secrets => [ClientSecret, BasicClientCredentials()];

    public override void Attach(AuthenticationServices services)
    {
        _services = services;
        base.Attach(services);
    }

    public override async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await CurrentTokenAsync(cancellationToken));

    public override void ApplyWrong(HttpRequestMessage request) => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MadeUp());

    public override async ValueTask<bool> RenewAfterRejectionAsync(HttpRequestMessage rejected, CancellationToken cancellationToken)
    {
        var sent = rejected.Headers.Authorization?.Parameter;
        await _fetch.WaitAsync(cancellationToken);
        try
        {
            // Another request may have renewed it meanwhile: then that fresh token is worth one more try.
            if (_current is { } current && current.Value != sent)
                return true;
            _current = await FetchAsync(cancellationToken);
            return true;
        }
        finally
        {
            _fetch.Release();
        }
    }

    private async Task<string> CurrentTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_current) is { } token)
            return token;
        await _fetch.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_current) is { } fetched)
                return fetched;
            var fresh = await FetchAsync(cancellationToken);
            _current = fresh;
            return fresh.Value;
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>The token unless it expires within the margin: a tenth of its lifetime, at most 30 seconds, so a
    /// request never leaves with a token about to lapse on its way.</summary>
    private string? Fresh(IssuedToken? current) =>
        current is { } c && (c.Expires is null || Services.Clock.GetUtcNow() < c.Expires.Value) ? c.Value : null;

    private AuthenticationServices Services => _services ?? throw new InvalidOperationException("the authentication is not attached to a session");

    private async Task<IssuedToken> FetchAsync(CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrWhiteSpace(Scope))
            form.Add(new("scope", Scope));
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint);
        if (ClientAuthentication == OAuthClientAuthentication.Basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicClientCredentials());
        }
        else
        {
            form.Add(new("client_id", ClientId));
            form.Add(new("client_secret", ClientSecret));
        }
        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var requestedAt = Services.Clock.GetUtcNow();
        HttpResponseMessage response;
        try
        {
            response = await Services.Http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new AuthenticationFailedException($"the OAuth token endpoint {TokenEndpoint} could not be reached: {Services.Redactor.Text(e.Message)}", e);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement json = default;
            var parsed = false;
            try
            {
                json = JsonDocument.Parse(body).RootElement;
                parsed = json.ValueKind == JsonValueKind.Object;
            }
            catch (JsonException)
            {
            }
            if (!response.IsSuccessStatusCode)
            {
                var error = parsed && json.TryGetProperty("error", out var code) ? $" ({code}{(json.TryGetProperty("error_description", out var d) ? ": " + d : "")})" : "";
                throw new AuthenticationFailedException(Services.Redactor.Text(
                    $"the OAuth token endpoint {TokenEndpoint} refused client '{ClientId}' with HTTP {(int)response.StatusCode}{error}"));
            }
            if (!parsed || !json.TryGetProperty("access_token", out var tokenElement) || tokenElement.ValueKind != JsonValueKind.String
                || tokenElement.GetString() is not { Length: > 0 } token)
            {
                throw new AuthenticationFailedException($"the OAuth token endpoint {TokenEndpoint} answered HTTP {(int)response.StatusCode} without an access_token (RFC 6749 §5.1)");
            }
            // Registered before anything could record it.
            Services.Redactor.Add(token);
            if (json.TryGetProperty("token_type", out var type) && !string.Equals(type.GetString(), "Bearer", StringComparison.OrdinalIgnoreCase))
                throw new AuthenticationFailedException($"the OAuth token endpoint {TokenEndpoint} issued a token of type '{type}', not Bearer");
            DateTimeOffset? expires = null;
            if (json.TryGetProperty("expires_in", out var lifetime) && lifetime.TryGetDouble(out var seconds) && seconds > 0)
            {
                var margin = TimeSpan.FromSeconds(Math.Min(30, seconds / 10));
                expires = requestedAt + TimeSpan.FromSeconds(seconds) - margin;
            }
            TokensFetched++;
            return new IssuedToken(token, expires);
        }
    }

    /// <summary>An access token and when to stop using it (null: until the server refuses it).</summary>
    private sealed record IssuedToken(string Value, DateTimeOffset? Expires);

    /// <summary>RFC 6749 §2.3.1: id and secret are each form-urlencoded, then joined by ':' for HTTP Basic.</summary>
    private string BasicClientCredentials() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FormEncode(ClientId)}:{FormEncode(ClientSecret)}"));

    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+");
}
