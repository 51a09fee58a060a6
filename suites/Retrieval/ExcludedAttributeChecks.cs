using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Retrieval;

/// <summary>RFC 7644 §3.4.2.5 and §3.9: <c>excludedAttributes</c> removes attributes from the default set, on
/// every resource type, but never removes what is returned "always". Judged on every advertised resource type.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ExcludedAttributeChecks : RetrievalCheck
{
    [Check("retrieval.excluded-attributes", "excludedAttributes removes the named attributes and keeps the rest, on every resource type",
        References = ["RFC7644 §3.4.2.5", "RFC7644 §3.9"], Rows = ["RFC7644-3.4.2.5-EXCLUDED-SUPPORTED", "RFC7644-3.9-PARAMS-ON-GROUPS"],
        Tags = ["excludedAttributes", "users", "groups"], PerResourceType = true,
        Requirement = "`excludedAttributes` is supported on every resource type: GET {endpoint}/{id}?excludedAttributes=X, X an attribute returned by default that the resource holds (a User's `emails`; a Group's `members`, on a group the check creates with a user it created as member), returns no X and every other attribute of the plain read. Judged on every advertised resource type.")]
    public Task ExcludedAttributes() => ForEachResourceTypeAsync(async type =>
    {
        var subject = await RichWithMemberAsync(type);
        var stored = await ReadStoredAsync(subject);
        var candidates = subject.Shape.DefaultAttributesIn(stored).Where(c => !ResourceShape.Is(c, "userName") && !ResourceShape.Is(c, "name")).ToList();
        var excluded = ResourceShape.Pick(candidates, "emails", "members", "description")
            ?? throw new PrerequisiteException($"the {type.Name} read back holds no attribute returned by default to exclude");
        var projected = await ReadWithAsync(subject, "excludedAttributes", excluded);

        var problems = new List<string>();
        if (ResourceShape.Present(projected.Member(excluded)))
            problems.Add($"`{excluded}` is still returned: {ScimJson.Describe(projected.Member(excluded))}");
        var lost = stored.Where(p => !ResourceShape.Is(p.Key, excluded) && ResourceShape.Present(p.Value) && !ResourceShape.Present(projected.Member(p.Key)))
            .Select(p => $"`{p.Key}`").ToList();
        if (lost.Count > 0)
            problems.Add($"attributes not excluded are missing too: {ScimJson.List(lost)}");
        Expect.NoProblems(problems, $"excludedAttributes={excluded} did not remove just `{excluded}` from a {type.Name}",
            $"the plain read's attributes without `{excluded}`");
    });

    /// <summary>A resource with every writable attribute; a Group also gets a member (a user the check creates), so
    /// that the attribute a client most often leaves out of a group read, <c>members</c>, is there to exclude.</summary>
    private async Task<Subject> RichWithMemberAsync(ResourceTypeUnderTest type)
    {
        if (type.ResourceType.StringMember("schema") != ScimUrns.Group || (await DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.User) is not { } userType)
            return await RichAsync(type.ResourceType);
        var user = await Resources.CreateOrSkipAsync(userType, await Resources.MinimalAsync(userType));
        var shape = ResourceShape.Of(await DiscoveryAsync(), type.ResourceType);
        var body = await Resources.RichAsync(type.ResourceType);
        body["members"] = new JsonArray(new JsonObject { ["value"] = user.StringMember("id") });
        var group = await Resources.CreateOrSkipAsync(type.ResourceType, body);
        return new Subject(type.ResourceType, shape, body, group.StringMember("id")!);
    }

    [Check("retrieval.excluded-always", "excludedAttributes cannot remove attributes returned always",
        References = ["RFC7644 §3.4.2.5", "RFC7643 §7"], Rows = ["RFC7644-3.4.2.5-EXCLUDED-ALWAYS"], Tags = ["excludedAttributes", "returned", "users"], PerResourceType = true,
        Requirement = "`excludedAttributes` has no effect on attributes returned \"always\": GET {endpoint}/{id}?excludedAttributes=id (plus every other attribute the schema returns \"always\") still returns `id` and those attributes. Judged on every advertised resource type (every one has `id`).")]
    public Task ExcludedAlways() => ForEachResourceTypeAsync(async type =>
    {
        var subject = await RichAsync(type.ResourceType);
        var stored = await ReadStoredAsync(subject);
        var always = stored
            .Where(p => subject.Shape.IsAlways(p.Key) && !ResourceShape.Is(p.Key, "schemas") && !ResourceShape.Is(p.Key, "id") && ResourceShape.Present(p.Value))
            .Select(p => p.Key).Prepend("id").ToList();
        var projected = await ReadWithAsync(subject, "excludedAttributes", string.Join(",", always));

        var problems = new List<string>();
        if (projected.StringMember("id") != subject.Id)
            problems.Add($"`id` is {ScimJson.Describe(projected.Member("id"))}");
        foreach (var name in always.Skip(1))
        {
            if (!JsonNode.DeepEquals(projected.Member(name), stored.Member(name)))
                problems.Add($"`{name}` is {ScimJson.Describe(projected.Member(name))}, stored {ScimJson.Describe(stored.Member(name))}");
        }
        Expect.NoProblems(problems, $"excludedAttributes removed an attribute of a {type.Name} that is returned always",
            $"`id` \"{subject.Id}\"{(always.Count > 1 ? $" and {ScimJson.List(always.Skip(1).Select(a => $"`{a}`"))}" : "")} still returned");
    });
}
