using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>
/// The deletion angles the lifecycle suite leaves to this one: what a deleted identity leaves behind elsewhere (a
/// group's members, an application's agents) and the agent resources' own 404 and id rules. lifecycle.delete.* covers
/// 204, 404 for Users, lists and uniqueness.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class DeletionChecks : DeactivationCheck
{
    [Check("deactivation.delete.removed-from-groups", "A deleted user is no longer a member of its groups",
        References = ["RFC7644 §3.6", "RFC7643 §4.2"], Rows = ["RFC7644-3.6-DELETE-REFERENCES", "RFC7643-4.2-MEMBERS-REFERENTIAL"], Tags = ["deactivation", "delete", "groups"],
        Requirement = "After a member User is deleted, a fresh GET of its group no longer lists it in members. RFC 7644 §3.6 makes a deleted resource 404 for every operation and omits it from query results (MUST) but says nothing of references to it in other resources, so this is graded SHOULD: a dangling member would keep granting whatever the group grants to whoever reuses the reference.")]
    public async Task RemovedFromGroups()
    {
        var userType = await ResourceTypeAsync(ScimUrns.User);
        var groupType = await ResourceTypeAsync(ScimUrns.Group);
        var user = await Resources.CreateOrSkipAsync(userType, await Resources.MinimalAsync(userType));
        var groupBody = await Resources.MinimalAsync(groupType);
        if (!groupBody.HasMember("displayName"))
            groupBody["displayName"] = Target.Prefix.Name("group");
        groupBody["members"] = new JsonArray(new JsonObject { ["value"] = IdOf(user) });
        var group = await Resources.CreateOrSkipAsync(groupType, groupBody);
        if (!MemberIds(await ReadOrSkipAsync(groupType, IdOf(group))).Contains(IdOf(user)))
            throw new PrerequisiteException("the group did not keep the user as a member (see lifecycle.group.members)");

        await DeleteOrSkipAsync(userType, IdOf(user));
        var after = await ReadOrSkipAsync(groupType, IdOf(group));
        Expect.That(!MemberIds(after).Contains(IdOf(user)), "a deleted user is still listed among the group's members",
            "members without the deleted user", $"members {ScimJson.Describe(after.Member("members"))}");
    }

    [Check("deactivation.delete.agent-then-404", "After DELETE, every operation on an Agent or AgenticApplication answers 404",
        References = ["RFC7644 §3.6", "draft-abbey-scim-agent-extension-00 Agent schema (active)"], Rows = ["RFC7644-3.6-DELETE-THEN-404", "AGT-N03"], Tags = ["deactivation", "delete", "agents"],
        Requirement = "A deleted Agent or AgenticApplication answers 404 with a SCIM error to GET, PUT and DELETE (and PATCH when supported), even when the server only marks it deleted.")]
    public async Task AgentThen404()
    {
        var discovery = await DiscoveryAsync();
        var types = new[] { ScimUrns.Agent, ScimUrns.AgenticApplication }.Select(discovery.ResourceTypeBySchema).OfType<JsonObject>().ToList();
        if (types.Count == 0)
            throw new NotApplicableException("/ResourceTypes lists neither Agents nor AgenticApplications");
        var patches = discovery.ServiceProviderConfig.Path("patch.supported").IsTrue();
        var problems = new List<string>();
        foreach (var type in types)
        {
            var created = await Resources.CreateOrSkipAsync(type, await Resources.MinimalAsync(type));
            await DeleteOrSkipAsync(type, IdOf(created));
            var path = PathOf(type, IdOf(created));
            var responses = new List<ScimResponse> { await Scim.GetAsync(path), await Scim.PutAsync(path, (JsonObject)created.DeepClone()), await Scim.DeleteAsync(path) };
            if (patches)
                responses.Add(await Scim.PatchAsync(path, PatchBodies.ReplaceActive(JsonValue.Create(false))));
            problems.AddRange(responses.Where(r => r.Status != 404 || r.JsonObject?.StringArray("schemas")?.Contains(ScimUrns.Error) != true)
                .Select(r => r.Status == 404 ? $"{r.Summary} without a SCIM error body" : r.Summary));
        }
        Expect.NoProblems(problems, "a deleted agent resource is still answered as if it existed", "HTTP 404 with a SCIM error for every operation");
    }

    [Check("deactivation.delete.agent-id-not-reused", "A deleted Agent's id is not given to a new one",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-ID-STABLE"], Tags = ["deactivation", "delete", "id", "agents"],
        Requirement = "An id is never reassigned: an Agent created after another was deleted gets a different id, so that audit trails and tokens naming the old id can never point at a new agent.")]
    public async Task AgentIdNotReused()
    {
        var agentType = await ResourceTypeAsync(ScimUrns.Agent);
        var first = await Resources.CreateOrSkipAsync(agentType, await Resources.MinimalAsync(agentType));
        await DeleteOrSkipAsync(agentType, IdOf(first));
        var second = await Resources.CreateOrSkipAsync(agentType, await Resources.MinimalAsync(agentType));
        Expect.That(IdOf(second) != IdOf(first), "a new agent got the id of a deleted one", $"an id other than {IdOf(first)}", $"id {IdOf(second)}");
    }

    private async Task DeleteOrSkipAsync(JsonObject type, string id)
    {
        var delete = await Scim.DeleteAsync(PathOf(type, id));
        if (delete.Status is < 200 or >= 300)
            throw new PrerequisiteException($"the {NameOf(type)} could not be deleted: {delete.Summary} (see lifecycle.delete.status-204)");
    }

    private static IReadOnlyList<string> MemberIds(JsonObject group) => LinkedIds(group, "members");

    private static IReadOnlyList<string> LinkedIds(JsonObject resource, string attribute) =>
        (resource.Member(attribute) as JsonArray ?? []).OfType<JsonObject>().Select(m => m.StringMember("value")).OfType<string>().ToList();
}
