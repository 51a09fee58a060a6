using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Lifecycle;

namespace Scim.Conformance.Suites.ETag;

/// <summary>What the ETag checks share: the gate on <c>etag.supported</c>, conditional requests on a user the check
/// created, and reading entity tags (RFC 7232 §2.3) out of headers.</summary>
public abstract class ETagCheck : LifecycleCheck
{
    protected Task RequireETagsAsync() => RequireCapabilityAsync("etag.supported");

    protected static string PathOf(JsonObject resourceType, JsonObject resource) =>
        PathOf(resourceType, IdOf(resource));

    /// <summary>A tag no version of any resource has: weak, like SCIM versions usually are, and prefixed with the run.</summary>
    protected string StaleTag() => $"W/\"{Target.Prefix.Name("stale")}\"";

    /// <summary>A request with one extra header (If-Match, If-None-Match).</summary>
    protected Task<ScimResponse> SendAsync(HttpMethod method, string path, string header, string value, JsonNode? body = null) =>
        Scim.SendAsync(method, path, body, headers: new Dictionary<string, string> { [header] = value });

    /// <summary>The resource's current entity tag: the ETag of a fresh GET, else its meta.version; Skipped when it has neither.</summary>
    protected async Task<string> CurrentTagAsync(JsonObject resourceType, JsonObject resource)
    {
        var read = await Scim.GetAsync(PathOf(resourceType, resource));
        if (read.Status != 200)
            throw new PrerequisiteException($"the resource just created could not be read: {read.Summary} (see lifecycle.read.by-id)");
        return read.Header("ETag") ?? read.JsonObject?.Path("meta.version")?.ToString()
            ?? throw new PrerequisiteException($"{read.Summary} carries neither an ETag header nor meta.version (see etag.header.on-every-response)");
    }

    /// <summary>The resource as a PUT body with a changed displayName: writable attributes as returned, without the server's readOnly ones.</summary>
    protected JsonObject ChangedReplacementOf(JsonObject resource)
    {
        var body = (JsonObject)resource.DeepClone();
        foreach (var readOnly in new[] { "id", "meta", "groups" })
            body.Remove(readOnly);
        body["displayName"] = Target.Prefix.Name("Geänderter Name");
        return body;
    }

    /// <summary>RFC 7644 §3.14 with Table 8: a failed precondition is 412; 409 (listed for version mismatches) is tolerated with a warning.</summary>
    protected void ExpectPreconditionFailed(ScimResponse response, string what)
    {
        if (response.Status == 409)
        {
            Expect.Violation($"{what} was refused with 409 instead of 412 Precondition Failed",
                "HTTP 412 (RFC 7644 §3.14 and RFC 7232 §3.1)", $"{response.Summary}{ErrorReplies.DetailHint(response)}", LevelOf("RFC7644-3.14-IF-MATCH-412"));
        }
        Expect.That(response.Status == 412, $"{what} was not refused as a failed precondition",
            "HTTP 412 Precondition Failed", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        Expect.That(response.JsonObject?.StringArray("schemas")?.Contains(ScimUrns.Error) == true,
            "the 412 carries no SCIM error body", $"a body whose schemas is [\"{ScimUrns.Error}\"] (RFC 7644 §3.12)",
            response.JsonError ?? ScimJson.Abbreviate(response.Body));
    }
}
