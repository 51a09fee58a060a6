using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// Sends requests to a reference server by path relative to its base URL ("/Users", "/Schemas/urn:…"), with or without
/// the bearer token, and reads the whole reply. Uses the running test's cancellation token.
/// </summary>
public sealed class ScimTestClient(HttpClient http, Uri baseUrl, AuthenticationHeaderValue? authorization)
{
    public ScimTestClient(HttpClient http, Uri baseUrl, string? token)
        : this(http, baseUrl, token is null ? null : new AuthenticationHeaderValue("Bearer", token))
    {
    }

    public Uri BaseUrl { get; } = baseUrl;

    public ScimTestClient WithToken(string? otherToken) => new(http, BaseUrl, otherToken);

    public ScimTestClient WithAuthorization(AuthenticationHeaderValue? otherAuthorization) => new(http, BaseUrl, otherAuthorization);

    public Task<ScimReply> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ScimReply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<ScimReply> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body.ToJsonString());

    public Task<ScimReply> PostAsync(string path, string rawBody) => SendAsync(HttpMethod.Post, path, rawBody);

    public Task<ScimReply> PutAsync(string path, JsonNode body) => SendAsync(HttpMethod.Put, path, body.ToJsonString());

    /// <param name="contentType">The media type the body is labelled with (null: no Content-Type at all).</param>
    /// <param name="accept">The Accept header, or null to send none.</param>
    /// <param name="extraHeaders">Further request headers (If-Match, Prefer, ...).</param>
    public async Task<ScimReply> SendAsync(HttpMethod method, string path, string? body = null, string? contentType = "application/scim+json", string? accept = null,
        IReadOnlyDictionary<string, string>? extraHeaders = null)
    {
        using var request = new HttpRequestMessage(method, Url(path));
        request.Headers.Authorization = authorization;
        foreach (var (name, value) in extraHeaders ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = null;
            if (contentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // Not validated: the values exactly as the server sent them (a parsed ETag would turn "w/" into "W/").
        var headers = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase);
        return new ScimReply(response.StatusCode, headers, response.Content.Headers.ContentType?.ToString(), text);
    }

    /// <summary>The absolute URL of a path relative to the base URL (the path keeps its query string).</summary>
    public Uri Url(string path) => new(BaseUrl + path);
}
