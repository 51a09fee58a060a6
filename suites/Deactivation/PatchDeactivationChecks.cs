using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>
/// Deactivation by PATCH, the route identity providers use: the two forms RFC 7644 §3.5.2.3 defines, for every type
/// that can be deactivated — Agents and AgenticApplications as well as Users. patch.active covers the User round trip;
/// the spellings identity providers send ("Replace", the string "False", Okta's path-less form) are the interop
/// suite's (interop.patch.*), graded MAY under strict and MUST under the interop profile.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class PatchDeactivationChecks : DeactivationCheck
{
    [Check("deactivation.patch.rfc-forms", "PATCH replace deactivates, with a path and without one",
        References = ["RFC7644 §3.5.2.3", "RFC7643 §4.1.1"], Rows = ["RFC7644-3.5.2-PATCH-ACTIVE", "RFC7644-3.5.2.3-REPLACE-SV", "RFC7644-3.5.2.3-REPLACE-NO-PATH", "RFC7643-4.1.1-ACTIVE"], Tags = ["deactivation", "patch", "agents"],
        Requirement = "Both RFC forms deactivate: {op: replace, path: active, value: false} and {op: replace, value: {active: false}}; a fresh GET answers 200 with active false (not deleted). Checked for every type with a writable active. Needs patch.supported.")]
    public async Task RfcForms()
    {
        await RequireCapabilityAsync("patch.supported");
        var problems = new List<string>();
        foreach (var type in await DeactivatableTypesAsync())
        {
            foreach (var (form, body) in new[]
            {
                ("path active", PatchBodies.ReplaceActive(JsonValue.Create(false))),
                ("no path", PatchBodies.ReplaceWithoutPath(JsonValue.Create(false))),
            })
            {
                if (await PatchProblemAsync(type, body) is { } problem)
                    problems.Add($"{form}: {problem}");
            }
        }
        Expect.NoProblems(problems, "a PATCH replace of active with false did not leave an inactive resource behind",
            "PATCH answers 2xx; then GET answers 200 with active false, for both forms and every type");
    }

    /// <summary>A fresh active resource, deactivated by the PATCH body; what is wrong afterwards, or null.</summary>
    private async Task<string?> PatchProblemAsync(JsonObject type, JsonObject body)
    {
        var resource = await CreateActiveAsync(type);
        var response = await Scim.PatchAsync(PathOf(type, IdOf(resource)), body);
        if (response.Status is < 200 or >= 300)
            return $"{NameOf(type)}: {response.Summary}{ErrorReplies.DetailHint(response)}";
        return await DeactivationProblemAsync(type, IdOf(resource));
    }
}
