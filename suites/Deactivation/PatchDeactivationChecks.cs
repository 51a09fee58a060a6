using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>
/// Deactivation by PATCH, the route identity providers use: the two forms RFC 7644 §3.5.2.3 defines, for every type
/// that can be deactivated (patch.active covers the User round trip), and the two dialects identity providers really
/// send — "Replace" with a capital R and the string "False" (Microsoft Entra ID). The RFC neither requires nor forbids
/// accepting those, so strict grades them MAY; the interop profile grades them MUST, because a server that refuses
/// them never gets deprovisioned by such a client.
/// </summary>
public sealed class PatchDeactivationChecks : DeactivationCheck
{
    [Check("deactivation.patch.rfc-forms", "PATCH replace deactivates, with a path and without one",
        References = ["RFC7644 §3.5.2.3", "RFC7643 §4.1.1"], Tags = ["deactivation", "patch", "agents"],
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

    [Check("deactivation.patch.idp-capitalised-op", "PATCH with op \"Replace\" (as Entra ID sends it) deactivates",
        Level = RequirementLevel.May, References = ["RFC7644 §3.5.2"], Tags = ["deactivation", "patch", "interop", "entra"],
        Requirement = "The RFC spells op in lower case and says nothing of other spellings; accepting \"Replace\" lets the most common identity provider deprovision (MAY; MUST under the interop profile). Accepted but not applied is a failure at any level.")]
    public Task CapitalisedOp() => IdpFormAsync("op \"Replace\"", PatchBodies.ReplaceActive(JsonValue.Create(false), op: "Replace"));

    [Check("deactivation.patch.idp-string-false", "PATCH with the string \"False\" (as Entra ID sends it) deactivates",
        Level = RequirementLevel.May, References = ["RFC7644 §3.5.2", "RFC7643 §2.3.2"], Tags = ["deactivation", "patch", "interop", "entra"],
        Requirement = "active is a boolean and \"False\" is a string, so a strict server may refuse it (MAY); under the interop profile it must read it as false (MUST). If accepted, the stored value must be the boolean false, never the string.")]
    public Task StringFalse() => IdpFormAsync("value \"False\"", PatchBodies.ReplaceActive(JsonValue.Create("False")));

    private async Task IdpFormAsync(string form, JsonObject body)
    {
        await RequireCapabilityAsync("patch.supported");
        var type = await DeactivatableTypeAsync(ScimUrns.User);
        var user = await CreateActiveAsync(type);
        var response = await Scim.PatchAsync(PathOf(type, IdOf(user)), body);
        Expect.That(response.Status is >= 200 and < 300, $"the identity-provider form ({form}) was refused",
            "PATCH answers 2xx and deactivates", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        // Accepted, it must have done what it says: that holds whatever the profile's level for accepting it.
        if (await DeactivationProblemAsync(type, IdOf(user)) is { } problem)
            Expect.Violation($"the identity-provider form ({form}) was accepted but did not deactivate", "GET shows the boolean active false", problem, RequirementLevel.Must);
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
