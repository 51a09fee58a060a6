using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.ETag;

/// <summary>RFC 7644 §3.14: the version of a resource travels as the HTTP ETag header, equal to meta.version, and changes with every change.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ETagHeaderChecks : ETagCheck
{
    [Check("etag.header.on-every-response", "Every single-resource response carries an ETag header",
        References = ["RFC7644 §3.14"], Rows = ["RFC7644-3.14-ETAG-HEADER"], Tags = ["etag"],
        Requirement = "When the server supports versioning, the version is returned in the ETag header of every response that carries one resource: the 201 of a POST, the 200 of a GET and the 200 of a PUT.")]
    public async Task OnEveryResponse()
    {
        await RequireETagsAsync();
        var (created, read, replaced) = await CreateReadReplaceAsync();
        var missing = new[] { created, read, replaced }.Where(r => string.IsNullOrEmpty(r.Header("ETag"))).Select(r => r.Summary).ToList();
        Expect.NoProblems(missing, "a response carrying a resource has no ETag header although etag.supported is true",
            "an ETag header on the POST 201, GET 200 and PUT 200");
    }

    [Check("etag.header.equals-meta-version", "The ETag header and meta.version are the same tag",
        References = ["RFC7644 §3.14", "RFC7643 §3.1"], Rows = ["RFC7644-3.14-ETAG-META-VERSION"], Tags = ["etag", "meta"],
        Requirement = "The version sent in the ETag header should also be the resource's meta.version, on the POST 201, GET 200 and PUT 200 alike, so a client that stored the resource can send it back as If-Match.")]
    public async Task EqualsMetaVersion()
    {
        await RequireETagsAsync();
        var (created, read, replaced) = await CreateReadReplaceAsync();
        var problems = new List<string>();
        foreach (var response in new[] { created, read, replaced })
        {
            var header = response.Header("ETag");
            var version = response.JsonObject?.Path("meta.version")?.ToString();
            if (header is not null && header != version)
                problems.Add($"{response.Summary}: ETag {header}, meta.version {version ?? "absent"}");
        }
        Expect.NoProblems(problems, "the ETag header and meta.version disagree", "meta.version equal to the ETag header of the same response");
    }

    [Check("etag.version.changes-on-write", "A change produces a new version",
        References = ["RFC7644 §3.14", "RFC7232 §2.3"], Rows = ["RFC7644-3.14-ETAG-CHANGES"], Tags = ["etag", "put"],
        Requirement = "An entity tag identifies one state of the resource: after a PUT that changes it, both the PUT response and a fresh GET carry a tag different from the one before.")]
    public async Task ChangesOnWrite()
    {
        await RequireETagsAsync();
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync();
        var before = await CurrentTagAsync(userType, user);
        var put = await Scim.PutAsync(PathOf(userType, user), ChangedReplacementOf(user));
        if (put.Status != 200)
            throw new PrerequisiteException($"PUT did not succeed: {put.Summary} (see lifecycle.put.replaces)");
        var after = await CurrentTagAsync(userType, user);
        var answered = put.Header("ETag") ?? put.JsonObject?.Path("meta.version")?.ToString();
        Expect.That(after != before && answered is not null && answered != before, "the version did not change although the resource did",
            $"a tag other than {before} after the PUT", $"PUT answered {answered ?? "no tag"}; a fresh GET says {after}");
    }

    /// <summary>A user created (POST), read (GET) and replaced (PUT): the three single-resource responses.</summary>
    private async Task<(ScimResponse Created, ScimResponse Read, ScimResponse Replaced)> CreateReadReplaceAsync()
    {
        var userType = await UserTypeAsync();
        var created = await Resources.CreateAsync(userType, await Resources.MinimalAsync(userType));
        if (created.Status is < 200 or >= 300 || created.JsonObject is not { } user || user.StringMember("id") is null)
            throw new PrerequisiteException($"a user could not be created: {created.Summary} (see lifecycle.create.status-201)");
        var read = await Scim.GetAsync(PathOf(userType, user));
        var replaced = await Scim.PutAsync(PathOf(userType, user), ChangedReplacementOf(user));
        if (read.Status != 200 || replaced.Status != 200)
            throw new PrerequisiteException($"the user could not be read and replaced: {read.Summary}, {replaced.Summary}");
        return (created, read, replaced);
    }
}
