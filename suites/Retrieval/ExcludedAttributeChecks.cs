using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Retrieval;

/// <summary>RFC 7644 §3.4.2.5 and §3.9: <c>excludedAttributes</c> removes attributes from the default set, on
/// every resource type, but never removes what is returned "always".</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ExcludedAttributeChecks : RetrievalCheck
{
    [Check("retrieval.excluded-attributes", "excludedAttributes removes the named attributes and keeps the rest, on Users and Groups",
        References = ["RFC7644 §3.4.2.5", "RFC7644 §3.9"], Rows = ["RFC7644-3.4.2.5-EXCLUDED-SUPPORTED", "RFC7644-3.9-PARAMS-ON-GROUPS"],
        Tags = ["excludedAttributes", "users", "groups"],
        Requirement = "`excludedAttributes` is supported on every resource type: GET /Users/{id}?excludedAttributes=emails returns no `emails` and every other attribute of the plain read; GET /Groups/{id}?excludedAttributes=members (on a group the check creates with a user it created as member) returns no `members` and still `displayName`.")]
    public async Task ExcludedAttributes()
    {
        var subject = await RichUserAsync();
        var stored = await ReadStoredAsync(subject);
        var excluded = ResourceShape.Pick(subject.Shape.DefaultAttributesIn(stored).Where(c => !ResourceShape.Is(c, "userName")).ToList(), "emails")
            ?? throw new PrerequisiteException("the User read back holds no attribute returned by default to exclude");
        var projected = await ReadWithAsync(subject, "excludedAttributes", excluded);

        var problems = new List<string>();
        if (ResourceShape.Present(projected.Member(excluded)))
            problems.Add($"`{excluded}` is still returned: {ScimJson.Describe(projected.Member(excluded))}");
        var lost = stored.Where(p => !ResourceShape.Is(p.Key, excluded) && ResourceShape.Present(p.Value) && !ResourceShape.Present(projected.Member(p.Key)))
            .Select(p => $"`{p.Key}`").ToList();
        if (lost.Count > 0)
            problems.Add($"attributes not excluded are missing too: {ScimJson.List(lost)}");
        Expect.NoProblems(problems, $"excludedAttributes={excluded} did not remove just `{excluded}` from a User",
            $"the plain read's attributes without `{excluded}`");

        var groupType = (await DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.Group);
        if (groupType is null)
            return; // no Groups on this server: the User part is the whole check
        var groupShape = ResourceShape.Of(await DiscoveryAsync(), groupType);
        var groupBody = await Resources.RichAsync(groupType);
        groupBody["members"] = new JsonArray(new JsonObject { ["value"] = subject.Id });
        var group = await Resources.CreateOrSkipAsync(groupType, groupBody);
        var groupSubject = new Subject(groupType, groupShape, groupBody, group.StringMember("id")!);
        var groupStored = await ReadStoredAsync(groupSubject);
        var groupProjected = await ReadWithAsync(groupSubject, "excludedAttributes", "members");

        var groupProblems = new List<string>();
        if (ResourceShape.Present(groupProjected.Member("members")))
            groupProblems.Add($"`members` is still returned: {ScimJson.Describe(groupProjected.Member("members"))}");
        if (!JsonNode.DeepEquals(groupProjected.Member("displayName"), groupStored.Member("displayName")))
            groupProblems.Add($"`displayName` is {ScimJson.Describe(groupProjected.Member("displayName"))}, stored {ScimJson.Describe(groupStored.Member("displayName"))}");
        Expect.NoProblems(groupProblems, "excludedAttributes=members did not remove just `members` from a Group",
            "the Group without `members`, with its `displayName`");
    }

    [Check("retrieval.excluded-always", "excludedAttributes cannot remove attributes returned always",
        References = ["RFC7644 §3.4.2.5", "RFC7643 §7"], Rows = ["RFC7644-3.4.2.5-EXCLUDED-ALWAYS"], Tags = ["excludedAttributes", "returned", "users"],
        Requirement = "`excludedAttributes` has no effect on attributes returned \"always\": GET /Users/{id}?excludedAttributes=id (plus every other attribute the schema returns \"always\") still returns `id` and those attributes.")]
    public async Task ExcludedAlways()
    {
        var subject = await RichUserAsync();
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
        Expect.NoProblems(problems, "excludedAttributes removed an attribute that is returned always",
            $"`id` \"{subject.Id}\"{(always.Count > 1 ? $" and {ScimJson.List(always.Skip(1).Select(a => $"`{a}`"))}" : "")} still returned");
    }
}
