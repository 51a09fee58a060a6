using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Lifecycle;

namespace Scim.Conformance.Suites.Async;

/// <summary>What the checks of asynchronous requests (RFC 9967) share: what the ServiceProviderConfig's
/// <c>securityEvents</c> advertises, sending a request with <c>Prefer: respond-async</c>, and fetching and decoding
/// the Security Event Token (RFC 8417) that reports its completion. Each check works on users it created.</summary>
public abstract class AsyncCheck : LifecycleCheck
{
    public const string AsyncResponseEvent = "urn:ietf:params:scim:event:misc:asyncresp";
    private const string SetMediaType = "application/secevent+jwt";

    /// <summary>securityEvents.asyncRequest, lower-cased (RFC 9967 compares it case-insensitively); null when absent.</summary>
    protected async Task<string?> AsyncModeAsync() =>
        ((await DiscoveryAsync()).ServiceProviderConfig.Path("securityEvents.asyncRequest") as JsonValue) is { } v && v.IsString()
            ? v.GetValue<string>().ToLowerInvariant()
            : null;

    /// <summary>NotApplicable unless asyncRequest is "request": only then must a client's preference be acted on.</summary>
    protected async Task RequireAsyncRequestsAsync()
    {
        if (await AsyncModeAsync() != "request")
            throw new NotApplicableException($"the ServiceProviderConfig does not advertise securityEvents.asyncRequest \"request\" (it is {ScimJson.Describe((await DiscoveryAsync()).ServiceProviderConfig.Path("securityEvents.asyncRequest"))})");
    }

    /// <summary>A PUT of the user with a changed displayName (or <paramref name="adjust"/>ed), asking to respond asynchronously.</summary>
    protected async Task<ScimResponse> PutAsynchronouslyAsync(JsonObject user, Action<JsonObject>? adjust = null)
    {
        var body = (JsonObject)user.DeepClone();
        foreach (var readOnly in new[] { "id", "meta", "groups" })
            body.Remove(readOnly);
        body["displayName"] = Target.Prefix.Name("Asynchron");
        adjust?.Invoke(body);
        var path = PathOf(await UserTypeAsync(), IdOf(user));
        return await Scim.SendAsync(HttpMethod.Put, path, body, headers: new Dictionary<string, string> { ["Prefer"] = "respond-async" });
    }

    /// <summary>The 202 of an asynchronous request, or Skipped naming why the request was not accepted as one.</summary>
    protected static ScimResponse AcceptedOrSkip(ScimResponse response)
    {
        if (response.Status != 202)
            throw new PrerequisiteException($"the request with Prefer: respond-async was not accepted for asynchronous processing: {response.Summary} (see async.request.accepted)");
        return response;
    }

    /// <summary>GET of the 202's Location. The event may not be ready at once: a 404 or 202 is asked again, a bounded
    /// number of times, since RFC 9967 lets completion come later.</summary>
    protected async Task<ScimResponse> FetchResultAsync(ScimResponse accepted, Credentials credentials = Credentials.Configured)
    {
        var location = accepted.Header("Location")
            ?? throw new PrerequisiteException($"{accepted.Summary} names no Location to fetch the result from (see async.request.set-txn)");
        ScimResponse result = null!;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            result = await Scim.GetAsync(location, credentials, accept: $"{SetMediaType}, application/scim+json;q=0.5, */*;q=0.1");
            if (result.Status is not (404 or 202) || credentials != Credentials.Configured)
                return result;
            await Task.Delay(TimeSpan.FromMilliseconds(250), Context.CancellationToken);
        }
        return result;
    }

    /// <summary>The claims of the SET at the 202's Location; a violation when it is not a JWT.</summary>
    protected async Task<JsonObject> CompletionClaimsAsync(ScimResponse accepted)
    {
        var result = await FetchResultAsync(accepted);
        Expect.That(result.Status == 200, "the completion event cannot be fetched from the Location of the 202",
            "GET of the Location → 200 with a Security Event Token", $"{result.Summary}{ErrorReplies.DetailHint(result)}");
        var claims = DecodeJwt(result.Body.Trim());
        Expect.That(claims is not null, "the completion event is not a JWT (RFC 8417 Security Event Token)",
            "header.payload.signature, base64url-encoded JSON", ScimJson.Abbreviate(result.Body));
        return claims!;
    }

    /// <summary>The asyncresp event of the claims, or a violation saying it is missing.</summary>
    protected JsonObject AsyncResponseOf(JsonObject claims)
    {
        var events = claims.Member("events") as JsonObject;
        var asyncResponse = events?.Member(AsyncResponseEvent) as JsonObject;
        Expect.That(asyncResponse is not null, "the completion event holds no asyncresp event",
            $"events with \"{AsyncResponseEvent}\"", ScimJson.Describe(claims.Member("events")));
        return asyncResponse!;
    }

    private static JsonObject? DecodeJwt(string token)
    {
        var parts = token.Split('.');
        if (parts.Length < 2)
            return null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - payload.Length % 4) % 4), '=');
            return ServerJson.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).Node as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
