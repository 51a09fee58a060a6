using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>
/// The owner cascade: what happens to the Agents a User owns when that User leaves. The agent draft says nothing, so
/// the target declares its policy in its configuration (<c>deprovisioning</c>) and these checks hold it to that
/// declaration, measuring how long the declared state took to show. Without a declaration they do not apply.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class OwnerCascadeChecks : DeactivationCheck
{
    [Check("deactivation.cascade.owner-deactivated", "Agents of a deactivated owner end up as the target declares",
        References = ["draft-abbey-scim-agent-extension-00 Agent schema (active)", "RFC7643 §4.1.1"], Rows = ["DECLARED-OWNER-CASCADE", "AGT-OWNER-DEACTIVATED"], Tags = ["deactivation", "cascade", "agents", "propagation"],
        Requirement = "When a User that owns an Agent is deactivated, the Agent reaches the state the target's declared policy names (deprovisioning.onOwnerDeactivated: deactivate-agents → active false; none → still active) within the declared propagation window; the time taken is measured.")]
    public async Task OwnerDeactivated()
    {
        var policy = Target.Options.Deprovisioning?.OnOwnerDeactivated
            ?? throw new NotApplicableException("the target's configuration declares no deprovisioning.onOwnerDeactivated (targets.json)");
        var (userType, agentType, user, agent) = await OwnedAgentAsync();
        await PutActiveOrSkipAsync(userType, IdOf(user), active: false);
        await ExpectAgentStateAsync(agentType, IdOf(agent), policy, "deactivated");
    }

    [Check("deactivation.cascade.owner-deleted", "Agents of a deleted owner end up as the target declares",
        References = ["draft-abbey-scim-agent-extension-00 Agent schema (active)", "RFC7644 §3.6"], Rows = ["DECLARED-OWNER-CASCADE", "AGT-OWNER-DELETED", "RFC7644-3.6-DELETE-REFERENCES"], Tags = ["deactivation", "cascade", "agents", "propagation", "delete"],
        Requirement = "When a User that owns an Agent is deleted, the Agent reaches the state the target's declared policy names (deprovisioning.onOwnerDeleted: deactivate-agents → active false; delete-agents → 404; none → still active) within the declared propagation window; the time taken is measured.")]
    public async Task OwnerDeleted()
    {
        var policy = Target.Options.Deprovisioning?.OnOwnerDeleted
            ?? throw new NotApplicableException("the target's configuration declares no deprovisioning.onOwnerDeleted (targets.json)");
        var (userType, agentType, user, agent) = await OwnedAgentAsync();
        var delete = await Scim.DeleteAsync(PathOf(userType, IdOf(user)));
        if (delete.Status is < 200 or >= 300)
            throw new PrerequisiteException($"the owner could not be deleted: {delete.Summary} (see lifecycle.delete.status-204)");
        await ExpectAgentStateAsync(agentType, IdOf(agent), policy, "deleted");
    }

    /// <summary>An active User and an active Agent that names it as owner (read back, so the link is the server's).</summary>
    private async Task<(JsonObject UserType, JsonObject AgentType, JsonObject User, JsonObject Agent)> OwnedAgentAsync()
    {
        var userType = await DeactivatableTypeAsync(ScimUrns.User);
        var agentType = await DeactivatableTypeAsync(ScimUrns.Agent);
        var user = await CreateActiveAsync(userType);
        var agent = await CreateActiveAsync(agentType, adjust: body => body["owners"] = new JsonArray(new JsonObject { ["value"] = IdOf(user) }));
        var owners = (await ReadOrSkipAsync(agentType, IdOf(agent))).Member("owners") as JsonArray ?? [];
        if (!owners.OfType<JsonObject>().Any(o => o.StringMember("value") == IdOf(user)))
            throw new PrerequisiteException($"the agent did not keep its owner (owners is {ScimJson.Describe(owners)}); the agent suite covers owners");
        return (userType, agentType, user, agent);
    }

    private async Task ExpectAgentStateAsync(JsonObject agentType, string agentId, string policy, string ownerEvent)
    {
        var window = Target.Options.Deprovisioning!.PropagationWindow;
        var cancel = Context.CancellationToken;
        Task<ScimResponse> Probe() => ReadAsync(agentType, agentId);
        static string Shown(ScimResponse r) => r.Status == 200 ? $"active {ScimJson.Describe(r.JsonObject?.Member("active"))}" : $"HTTP {r.Status}";

        if (policy == DeprovisioningPolicy.None)
        {
            var (broken, when, last) = await Propagation.ThroughoutAsync(Probe, r => r.Status != 200 || IsInactive(r.JsonObject!), window, cancel);
            Expect.That(!broken, $"the target declares that nothing happens to an agent whose owner is {ownerEvent}, but the agent changed",
                $"the agent still active for the whole window ({Propagation.Seconds(window)})", $"{Shown(last)} after {Propagation.Seconds(when)}");
            Observe($"declared {policy}: the agent stayed active for the whole window of {Propagation.Seconds(window)}");
            return;
        }
        var deleted = policy == DeprovisioningPolicy.DeleteAgents;
        var (reached, elapsed, final) = await Propagation.UntilAsync(Probe,
            r => deleted ? r.Status == 404 : r.Status == 200 && r.JsonObject is { } body && IsInactive(body), window, cancel);
        Expect.That(reached, $"the target declares '{policy}' when an agent's owner is {ownerEvent}, but the agent did not get there within the window",
            $"{(deleted ? "GET of the agent answers 404" : "the agent shows active false")} within {Propagation.Seconds(window)}",
            $"{Shown(final)} after {Propagation.Seconds(elapsed)}");
        Observe($"declared {policy}: the agent {(deleted ? "was gone" : "was inactive")} after {Propagation.Seconds(elapsed)} (window {Propagation.Seconds(window)})");
    }

    private void Observe(string text) => Context.Observation = text;
}
