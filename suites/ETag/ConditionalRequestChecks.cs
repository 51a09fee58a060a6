using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.ETag;

/// <summary>RFC 7644 §3.14 with RFC 7232 §3: conditional requests. If-None-Match on a read saves the transfer of an
/// unchanged resource; If-Match on a write stops a lost update. Every write goes to a user the check created.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ConditionalRequestChecks : ETagCheck
{
    [Check("etag.if-none-match.not-modified", "A GET with the current tag in If-None-Match answers 304 without a body",
        References = ["RFC7644 §3.14", "RFC7232 §3.2", "RFC7232 §4.1"], Rows = ["RFC9110-13.1.2-IF-NONE-MATCH-304", "RFC7644-3.14-IF-NONE-MATCH-304"], Tags = ["etag", "conditional"],
        Requirement = "A GET whose If-None-Match holds the resource's current version answers 304 Not Modified with an empty body; with a tag the resource no longer has, it answers 200 with the resource.")]
    public async Task NotModified()
    {
        await RequireETagsAsync();
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync();
        var current = await CurrentTagAsync(userType, user);
        var conditional = await SendAsync(HttpMethod.Get, PathOf(userType, user), "If-None-Match", current);
        Expect.That(conditional.Status == 304, "a GET with the current version in If-None-Match was not answered 304",
            $"HTTP 304 Not Modified for If-None-Match: {current}", conditional.Summary);
        Expect.That(conditional.Body.Length == 0, "the 304 Not Modified has a body", "an empty body (RFC 7232 §4.1)",
            $"{conditional.Body.Length} characters: {ScimJson.Abbreviate(conditional.Body)}");
        var stale = await SendAsync(HttpMethod.Get, PathOf(userType, user), "If-None-Match", StaleTag());
        Expect.That(stale.Status == 200 && stale.JsonObject?.StringMember("id") == IdOf(user), "a GET with a stale tag in If-None-Match did not return the resource",
            "HTTP 200 with the resource", stale.Summary);
    }

    [Check("etag.if-none-match.weak-comparison", "If-None-Match compares tags weakly",
        References = ["RFC7232 §3.2", "RFC7232 §2.3.2", "RFC7644 §3.14"], Rows = ["RFC9110-13.1.2-IF-NONE-MATCH-WEAK", "RFC7644-3.14-IF-NONE-MATCH-304"], Tags = ["etag", "conditional"],
        Requirement = "A recipient compares If-None-Match with the weak comparison, which ignores the W/ prefix: the current tag sent with the other weakness (\"abc\" for W/\"abc\", or the reverse) still answers 304.")]
    public async Task WeakComparison()
    {
        await RequireETagsAsync();
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync();
        var current = await CurrentTagAsync(userType, user);
        var other = current.StartsWith("W/", StringComparison.Ordinal) ? current[2..] : "W/" + current;
        var conditional = await SendAsync(HttpMethod.Get, PathOf(userType, user), "If-None-Match", other);
        Expect.That(conditional.Status == 304, "If-None-Match did not match the current tag written with the other weakness",
            $"HTTP 304 for If-None-Match: {other} (the current tag is {current})", conditional.Summary);
    }

    [Check("etag.if-match.current-proceeds", "A PUT whose If-Match is the current version succeeds",
        References = ["RFC7644 §3.14", "RFC7232 §3.1"], Rows = ["RFC7644-3.14-IF-MATCH-OK-B", "RFC7644-3.14-IF-MATCH-OK"], Tags = ["etag", "conditional", "put"],
        Requirement = "A client may make a PUT conditional on the version it read; when If-Match holds the current version the precondition holds, so the PUT answers 200 and the change is stored.")]
    public async Task CurrentProceeds()
    {
        await RequireETagsAsync();
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync();
        var current = await CurrentTagAsync(userType, user);
        var replacement = ChangedReplacementOf(user);
        var put = await SendAsync(HttpMethod.Put, PathOf(userType, user), "If-Match", current, replacement);
        Expect.That(put.Status == 200, "a PUT with the current version in If-Match was refused",
            $"HTTP 200 for If-Match: {current}", $"{put.Summary}{ErrorReplies.DetailHint(put)}");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember("displayName") == replacement.StringMember("displayName"), "the conditional PUT was answered 200 but not stored",
            $"displayName \"{replacement.StringMember("displayName")}\"", ScimJson.Describe(read.Member("displayName")));
    }

    [Check("etag.if-match.stale-put-refused", "A PUT with a stale If-Match is refused with 412 and changes nothing",
        References = ["RFC7644 §3.14", "RFC7644 §3.12", "RFC7232 §3.1"], Rows = ["RFC9110-13.1.1-IF-MATCH-FALSE", "RFC7644-3.14-IF-MATCH-412"], Tags = ["etag", "conditional", "put"],
        Requirement = "When If-Match does not hold the current version, the resource was changed since the client read it: the PUT answers 412 Precondition Failed with a SCIM error, and the stored resource stays as it was (409 is tolerated with a warning).")]
    public async Task StalePutRefused()
    {
        await RequireETagsAsync();
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync();
        var put = await SendAsync(HttpMethod.Put, PathOf(userType, user), "If-Match", StaleTag(), ChangedReplacementOf(user));
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember("displayName") == user.StringMember("displayName"), "a PUT with a stale If-Match changed the resource",
            $"displayName unchanged ({ScimJson.Describe(user.Member("displayName"))})", $"displayName {ScimJson.Describe(read.Member("displayName"))} after {put.Summary}");
        ExpectPreconditionFailed(put, "a PUT with a stale If-Match");
    }

    [Check("etag.if-match.stale-delete-refused", "DELETE honours If-Match",
        References = ["RFC7644 §3.14", "RFC7644 §3.12", "RFC7232 §3.1"], Rows = ["RFC9110-13.1.1-IF-MATCH-FALSE", "RFC7644-3.14-IF-MATCH-DELETE", "RFC7644-3.14-IF-MATCH-412"], Tags = ["etag", "conditional", "delete"],
        Requirement = "Preconditions apply to DELETE too: with a stale If-Match it answers 412 and the resource is still there; with the current version it answers 204 and the resource is gone.")]
    public async Task StaleDeleteRefused()
    {
        await RequireETagsAsync();
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync();
        var path = PathOf(userType, user);
        var stale = await SendAsync(HttpMethod.Delete, path, "If-Match", StaleTag());
        var still = await Scim.GetAsync(path);
        Expect.That(still.Status == 200, "a DELETE with a stale If-Match deleted the resource", $"GET {path} → 200 after the refused DELETE",
            $"{still.Summary} after {stale.Summary}");
        ExpectPreconditionFailed(stale, "a DELETE with a stale If-Match");
        var current = await CurrentTagAsync(userType, user);
        var delete = await SendAsync(HttpMethod.Delete, path, "If-Match", current);
        Expect.That(delete.Status == 204, "a DELETE with the current version in If-Match did not succeed",
            $"HTTP 204 for If-Match: {current}", $"{delete.Summary}{ErrorReplies.DetailHint(delete)}");
        var gone = await Scim.GetAsync(path);
        Expect.That(gone.Status == 404, "the conditional DELETE answered 204 but the resource is still there", $"GET {path} → 404", gone.Summary);
    }

    [Check("etag.spc.consistent", "etag.supported tells the truth about conditional requests",
        References = ["RFC7643 §5", "RFC7644 §3.14"], Rows = ["RFC7643-5-ETAG-SPC-CONSISTENT", "RFC7643-5-SPC-UNDERSTATED"], Tags = ["etag", "spc"],
        Requirement = "What the ServiceProviderConfig says about ETags matches what the server does: with etag.supported true, a GET with the current version in If-None-Match answers 304; a server that honours it while advertising false is recorded (Info), since clients will not use a capability that is not advertised.")]
    public async Task Consistent()
    {
        var advertised = (await DiscoveryAsync()).ServiceProviderConfig.Path("etag.supported").IsTrue();
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync();
        var read = await Scim.GetAsync(PathOf(userType, user));
        var tag = read.Header("ETag") ?? read.JsonObject?.Path("meta.version")?.ToString();
        if (tag is null)
        {
            Expect.That(!advertised, "etag.supported is true but the resource carries no version at all",
                "an ETag header or meta.version on GET", $"{read.Summary} with neither");
            return;
        }
        var conditional = await SendAsync(HttpMethod.Get, PathOf(userType, user), "If-None-Match", tag);
        var honoured = conditional.Status == 304;
        Expect.That(honoured || !advertised, "etag.supported is true but a conditional GET with the current version is not answered 304",
            $"HTTP 304 for If-None-Match: {tag}", conditional.Summary);
        Expect.That(!honoured || advertised, "conditional requests work although the ServiceProviderConfig says etag.supported is false",
            "etag.supported true, since ETags work", $"etag.supported false, and {conditional.Summary} for If-None-Match: {tag}", LevelOf("RFC7643-5-SPC-UNDERSTATED"));
    }
}
