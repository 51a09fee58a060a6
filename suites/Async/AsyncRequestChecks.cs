using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Async;

/// <summary>RFC 9967: how a server advertises asynchronous requests, accepts one (202, Set-Txn) and reports its
/// completion as a Security Event Token fetched from the Location of the 202.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AsyncRequestChecks : AsyncCheck
{
    private static readonly string[] Modes = ["none", "long", "request"];

    [Check("async.spc.security-events", "securityEvents is well formed",
        References = ["RFC9967 §4"], Rows = ["RFC9967-4-SPC-SECURITY-EVENTS"], Tags = ["async", "spc"], Effect = TargetEffect.ReadsOnly,
        Requirement = "When the ServiceProviderConfig has securityEvents, it is an object whose asyncRequest is one of \"none\", \"long\" and \"request\" (any case) and whose eventUris, when present, are SCIM event URIs (urn:ietf:params:scim:event:…).")]
    public async Task SecurityEvents()
    {
        var events = (await DiscoveryAsync()).ServiceProviderConfig.Member("securityEvents");
        if (events is null)
            throw new NotApplicableException("the ServiceProviderConfig has no securityEvents: asynchronous requests and events are not advertised");
        var problems = new List<string>();
        if (events is not JsonObject section)
        {
            problems.Add($"securityEvents is {ScimJson.Describe(events)}, not an object");
        }
        else
        {
            var mode = section.Member("asyncRequest");
            if (mode is not null && !(mode.IsString() && Modes.Contains(mode.GetValue<string>().ToLowerInvariant())))
                problems.Add($"asyncRequest is {ScimJson.Describe(mode)}");
            if (section.Member("eventUris") is { } uris && (section.StringArray("eventUris") is not { } list
                || list.Any(u => !u.StartsWith("urn:ietf:params:scim:event:", StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add($"eventUris is {ScimJson.Describe(uris)}");
            }
        }
        Expect.NoProblems(problems, "securityEvents is malformed", "asyncRequest none, long or request; eventUris an array of urn:ietf:params:scim:event: URIs");
    }

    [Check("async.request.accepted", "Prefer: respond-async is honoured when asyncRequest is \"request\"",
        References = ["RFC9967 §3", "RFC7240 §4.1", "RFC7240 §3"], Rows = ["RFC9967-3-ASYNC-ACCEPTED"], Tags = ["async"],
        Requirement = "A server advertising asyncRequest \"request\" processes a write asynchronously when the client asks with Prefer: respond-async: it answers 202 Accepted and says so with Preference-Applied: respond-async.")]
    public async Task Accepted()
    {
        await RequireAsyncRequestsAsync();
        var response = await PutAsynchronouslyAsync(await CreateUserAsync());
        Expect.That(response.Status == 202, "a PUT with Prefer: respond-async was answered synchronously although asyncRequest is \"request\"",
            "HTTP 202 Accepted", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var applied = response.Header("Preference-Applied") ?? "";
        Expect.That(applied.Contains("respond-async", StringComparison.OrdinalIgnoreCase), "the 202 does not say the preference was applied",
            "Preference-Applied: respond-async", applied.Length == 0 ? "no Preference-Applied header" : $"Preference-Applied: {applied}");
    }

    [Check("async.request.set-txn", "A 202 without a body names its transaction in Set-Txn",
        References = ["RFC9967 §3"], Rows = ["RFC9967-3-ASYNC-SET-TXN"], Tags = ["async"],
        Requirement = "When the server answers an asynchronous request with 202 Accepted and no body, it includes Set-Txn, a unique transaction id, and a Location where the result can be had.")]
    public async Task SetTxn()
    {
        await RequireAsyncRequestsAsync();
        var accepted = AcceptedOrSkip(await PutAsynchronouslyAsync(await CreateUserAsync()));
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(accepted.Header("Set-Txn")))
            problems.Add("no Set-Txn header");
        if (string.IsNullOrWhiteSpace(accepted.Header("Location")))
            problems.Add("no Location header");
        if (accepted.Body.Length > 0)
            problems.Add($"a body of {accepted.Body.Length} characters");
        Expect.NoProblems(problems, "the 202 Accepted does not name its transaction", "HTTP 202 with no body, Set-Txn and Location");
    }

    [Check("async.result.completion-event", "The completion event reports the outcome under the same transaction",
        References = ["RFC9967 §3", "RFC9967 §2.5", "RFC8417 §2.2"], Rows = ["RFC9967-3-ASYNC-TXN-MATCH"], Tags = ["async", "set"],
        Requirement = "The Location of the 202 yields a Security Event Token whose txn equals the Set-Txn of the 202 and whose asyncresp event gives the method and the status the request would have had (200 for a PUT); the change itself is stored.")]
    public async Task CompletionEvent()
    {
        await RequireAsyncRequestsAsync();
        var user = await CreateUserAsync();
        var accepted = AcceptedOrSkip(await PutAsynchronouslyAsync(user));
        var claims = await CompletionClaimsAsync(accepted);
        var txn = accepted.Header("Set-Txn");
        Expect.That(txn is not null && claims.StringMember("txn") == txn, "the completion event's txn is not the transaction the 202 named",
            $"txn \"{txn}\"", ScimJson.Describe(claims.Member("txn")));
        var asyncResponse = AsyncResponseOf(claims);
        var status = asyncResponse.Member("status") is JsonObject code ? code.Member("code") : asyncResponse.Member("status");
        Expect.That(string.Equals(asyncResponse.StringMember("method"), "PUT", StringComparison.OrdinalIgnoreCase) && status?.ToString() == "200",
            "the asyncresp event does not report the PUT's outcome", "method \"PUT\", status \"200\"", ScimJson.Abbreviate(asyncResponse.ToJsonString()));
        var read = await ReadOrSkipAsync(await UserTypeAsync(), IdOf(user));
        Expect.That(read.StringMember("displayName")?.Contains("Asynchron", StringComparison.Ordinal) == true, "the asynchronous PUT reported success but is not stored",
            "the displayName the PUT sent", ScimJson.Describe(read.Member("displayName")));
    }

    [Check("async.result.subject", "The completion event names its subject with sub_id, never sub",
        References = ["RFC9967 §2.2", "RFC9493 §3"], Rows = ["RFC9967-2-SUB-ID"], Tags = ["async", "set"],
        Requirement = "The SET identifies the resource with a top-level sub_id of format \"scim\" whose uri is the resource's path (/Users/{id}); the JWT sub claim is not used.")]
    public async Task Subject()
    {
        await RequireAsyncRequestsAsync();
        var user = await CreateUserAsync();
        var claims = await CompletionClaimsAsync(AcceptedOrSkip(await PutAsynchronouslyAsync(user)));
        var problems = new List<string>();
        if (claims.HasMember("sub"))
            problems.Add($"the JWT sub claim is used ({ScimJson.Describe(claims.Member("sub"))})");
        var subject = claims.Member("sub_id") as JsonObject;
        if (subject is null)
            problems.Add("there is no sub_id");
        else
        {
            if (subject.StringMember("format") != "scim")
                problems.Add($"sub_id.format is {ScimJson.Describe(subject.Member("format"))}");
            var uri = subject.StringMember("uri");
            var expected = $"{ResourceFactory.EndpointOf(await UserTypeAsync())}/{IdOf(user)}";
            if (uri is null || !uri.EndsWith(expected, StringComparison.Ordinal))
                problems.Add($"sub_id.uri is {ScimJson.Describe(subject.Member("uri"))}, not {expected}");
        }
        Expect.NoProblems(problems, "the completion event does not name its subject as RFC 9967 requires", "sub_id {format \"scim\", uri \"/Users/{id}\"} and no sub");
    }

    [Check("async.result.authenticated", "The completion event is not handed out without credentials",
        References = ["RFC9967 §3", "RFC9967 §6"], Rows = ["RFC9967-3-ASYNC-AUTH"], Tags = ["async", "auth"],
        Requirement = "The endpoint where the result of an asynchronous request is fetched requires authentication: a GET of the 202's Location without credentials is refused with 401 (or 403).")]
    public async Task Authenticated()
    {
        await RequireAsyncRequestsAsync();
        var accepted = AcceptedOrSkip(await PutAsynchronouslyAsync(await CreateUserAsync()));
        var anonymous = await FetchResultAsync(accepted, Credentials.None);
        Expect.That(anonymous.Status is 401 or 403, "the completion event was handed out without credentials",
            "HTTP 401 (or 403) without Authorization", anonymous.Summary);
    }

    [Check("async.result.error-response", "A failed asynchronous request reports its SCIM error",
        References = ["RFC9967 §3", "RFC7644 §3.12"], Rows = ["RFC9967-3-ASYNC-ERROR"], Tags = ["async", "set", "errors"],
        Requirement = "When an asynchronous request fails, its asyncresp event carries the non-2xx status and a response holding the SCIM error (schemas Error, status, scimType where one applies, detail): a PUT taking another user's userName reports 409 uniqueness.")]
    public async Task ErrorResponse()
    {
        await RequireAsyncRequestsAsync();
        var other = await CreateUserAsync();
        var accepted = AcceptedOrSkip(await PutAsynchronouslyAsync(await CreateUserAsync(), body => body["userName"] = other.StringMember("userName")));
        var asyncResponse = AsyncResponseOf(await CompletionClaimsAsync(accepted));
        var status = asyncResponse.Member("status") is JsonObject code ? code.Member("code") : asyncResponse.Member("status");
        Expect.That(status?.ToString() is "409" or "400", "the asyncresp event of a conflicting PUT does not report the failure",
            "status \"409\" (or \"400\")", ScimJson.Abbreviate(asyncResponse.ToJsonString()));
        var error = asyncResponse.Member("response") as JsonObject;
        Expect.That(error?.StringArray("schemas")?.Contains(ScimUrns.Error) == true && error.Member("status") is not null,
            "the failed asynchronous request's event carries no SCIM error", $"response with schemas [\"{ScimUrns.Error}\"] and status",
            ScimJson.Abbreviate(asyncResponse.ToJsonString()));
    }

    [Check("async.spc.consistent", "Asynchronous processing is advertised when it is offered",
        References = ["RFC9967 §4", "RFC9967 §3"], Rows = ["RFC9967-4-ASYNC-ADVERTISED"], Tags = ["async", "spc"],
        Requirement = "A server that does not advertise asynchronous requests (no securityEvents, or asyncRequest \"none\") answers a write with Prefer: respond-async synchronously; one that answers 202 anyway is recorded (Info), since clients rely on the advertisement.")]
    public async Task Consistent()
    {
        if (await AsyncModeAsync() is "request" or "long")
            throw new NotApplicableException("the ServiceProviderConfig advertises asynchronous requests: the other async checks judge them");
        var response = await PutAsynchronouslyAsync(await CreateUserAsync());
        Expect.That(response.Status != 202, "a write with Prefer: respond-async was processed asynchronously although it is not advertised",
            "a synchronous answer (or securityEvents.asyncRequest advertised)", $"{response.Summary}, Set-Txn {response.Header("Set-Txn") ?? "absent"}");
    }
}
