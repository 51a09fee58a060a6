using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>Deactivation by PUT (RFC 7644 §3.5.1): the route every SCIM client has, whether or not PATCH is supported.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class PutDeactivationChecks : DeactivationCheck
{
    [Check("deactivation.put.active-false", "PUT with active false deactivates without deleting",
        References = ["RFC7644 §3.5.1", "RFC7643 §4.1.1", "draft-abbey-scim-agent-extension-00 Agent schema (active)"], Rows = ["RFC7644-3.5.1-PUT-REPLACES", "RFC7643-4.1.1-ACTIVE", "AGT-N04"], Tags = ["deactivation", "put", "agents"],
        Requirement = "Replacing a resource with active set to false is accepted and stored: a fresh GET answers 200 with the boolean active false. The resource is suspended, not deleted. Checked for every type with a writable active (Users, Agents, AgenticApplications).")]
    public async Task ActiveFalse()
    {
        var problems = new List<string>();
        foreach (var type in await DeactivatableTypesAsync())
        {
            var resource = await CreateActiveAsync(type);
            var put = await PutActiveAsync(type, IdOf(resource), active: false);
            if (put.Status is < 200 or >= 300)
            {
                problems.Add($"{NameOf(type)}: {put.Summary}{ErrorReplies.DetailHint(put)}");
                continue;
            }
            if (await DeactivationProblemAsync(type, IdOf(resource)) is { } problem)
                problems.Add(problem);
        }
        Expect.NoProblems(problems, "a PUT with active false did not leave an inactive resource behind",
            "PUT answers 2xx; then GET answers 200 with active false, for every type");
    }
}
