using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Bulk;

/// <summary>RFC 7644 §3.7: each method does in Bulk what it does alone, version works as a precondition, and
/// bulk.supported says what /Bulk really does.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class BulkMethodChecks : BulkCheck
{
    [Check("bulk.methods.applied", "POST, PUT, PATCH and DELETE operations take effect",
        References = ["RFC7644 §3.7"], Rows = ["RFC7644-3.7-BULK-METHODS"], Tags = ["bulk"],
        Requirement = "Bulk operations are POST (path an endpoint), PUT, PATCH and DELETE (path a resource); each takes effect as it would alone, as fresh reads show: the POST's resource exists, the PUT's value is stored, the DELETE's resource is gone, and — when patch.supported — the PATCH's value is stored.")]
    public async Task Applied()
    {
        await RequireBulkAsync();
        var users = await UsersPathAsync();
        var replaced = await CreateUserAsync();
        var patched = await CreateUserAsync();
        var deleted = await CreateUserAsync();
        var replacement = (JsonObject)replaced.DeepClone();
        foreach (var readOnly in new[] { "id", "meta", "groups" })
            replacement.Remove(readOnly);
        replacement["displayName"] = Target.Prefix.Name("Bulk PUT");
        var patchSupported = (await DiscoveryAsync()).ServiceProviderConfig.Path("patch.supported").IsTrue();
        var patchedName = Target.Prefix.Name("Bulk PATCH");
        var postId = NewBulkId();
        var operations = new List<JsonObject>
        {
            Operation("POST", users, postId, await UserBodyAsync()),
            Operation("PUT", $"{users}/{IdOf(replaced)}", data: replacement),
            Operation("DELETE", $"{users}/{IdOf(deleted)}"),
        };
        if (patchSupported)
        {
            operations.Add(Operation("PATCH", $"{users}/{IdOf(patched)}", data: ScimMessages.PatchRequest(ScimMessages.PatchOperation("replace", "displayName", patchedName))));
        }
        var results = ResultsOf(await SendAsync(Request(operations)));
        var userType = await UserTypeAsync();
        var problems = new List<string>();
        if (await ReadLocationAsync(ResultFor(results, postId, 0)) is null)
            problems.Add("POST: the created user cannot be read at its result's location");
        if ((await ReadAsync(userType, IdOf(replaced))).JsonObject?.StringMember("displayName") != replacement.StringMember("displayName"))
            problems.Add("PUT: the replaced user's displayName is not the one sent");
        var afterDelete = await ReadAsync(userType, IdOf(deleted));
        if (afterDelete.Status != 404)
            problems.Add($"DELETE: the user is still there ({afterDelete.Summary})");
        if (patchSupported && (await ReadAsync(userType, IdOf(patched))).JsonObject?.StringMember("displayName") != patchedName)
            problems.Add("PATCH: the patched user's displayName is not the one sent");
        Expect.NoProblems(problems, "a bulk operation did not take effect",
            patchSupported ? "POST, PUT, DELETE and PATCH each applied" : "POST, PUT and DELETE each applied (PATCH not probed: patch.supported is false)");
    }

    [Check("bulk.version.precondition", "An operation's version works as If-Match",
        References = ["RFC7644 §3.7", "RFC7644 §3.14"], Rows = ["RFC7644-3.7-BULK-VERSION"], Tags = ["bulk", "etag"],
        Requirement = "When ETags are supported, version on a PUT, PATCH or DELETE operation is its precondition: a PUT with a version the resource no longer has fails with 412 in its result and changes nothing.")]
    public async Task VersionPrecondition()
    {
        await RequireBulkAsync();
        await RequireCapabilityAsync("etag.supported");
        var user = await CreateUserAsync();
        var replacement = (JsonObject)user.DeepClone();
        foreach (var readOnly in new[] { "id", "meta", "groups" })
            replacement.Remove(readOnly);
        replacement["displayName"] = Target.Prefix.Name("Bulk stale");
        var results = ResultsOf(await SendAsync(Request([
            Operation("PUT", $"{await UsersPathAsync()}/{IdOf(user)}", data: replacement, version: $"W/\"{Target.Prefix.Name("stale")}\""),
        ])));
        var result = results.FirstOrDefault();
        var read = await ReadOrSkipAsync(await UserTypeAsync(), IdOf(user));
        Expect.That(read.StringMember("displayName") == user.StringMember("displayName"), "a PUT operation with a stale version changed the resource",
            "the resource unchanged", $"displayName {ScimJson.Describe(read.Member("displayName"))} after {(result is null ? "no result" : Describe(result))}");
        Expect.That(result is not null && StatusOf(result) == 412, "a PUT operation with a stale version was not refused as a failed precondition",
            "a result with status 412", result is null ? "no result" : Describe(result));
    }

    [Check("bulk.spc.consistent", "bulk.supported tells the truth about /Bulk",
        References = ["RFC7643 §5", "RFC7644 §3.7"], Rows = ["RFC7643-5-SPC-TRUTHFUL", "RFC7643-5-SPC-BULK", "RFC7643-5-SPC-UNDERSTATED"], Tags = ["bulk", "spc"],
        Requirement = "What the ServiceProviderConfig says about Bulk matches what /Bulk does: with bulk.supported true a bulk request is processed (200 with a BulkResponse); a server that processes one while advertising false is recorded (Info), since clients will not use it.")]
    public async Task Consistent()
    {
        var advertised = (await DiscoveryAsync()).ServiceProviderConfig.Path("bulk.supported").IsTrue();
        // One DELETE of an id nobody has: harmless whether or not the server processes it.
        var response = await SendAsync(Request([Operation("DELETE", $"{await UsersPathAsync()}/{MissingId()}")]));
        var processed = response.Status == 200 && response.JsonObject?.StringArray("schemas")?.Contains(BulkResponseUrn) == true;
        Expect.That(processed || !advertised, "bulk.supported is true but a bulk request is not processed",
            "HTTP 200 with a BulkResponse", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        Expect.That(!processed || advertised, "/Bulk processes requests although the ServiceProviderConfig says bulk.supported is false",
            "bulk.supported true, since /Bulk works", $"bulk.supported false, and {response.Summary} with a BulkResponse", LevelOf("RFC7643-5-SPC-UNDERSTATED"));
    }
}
